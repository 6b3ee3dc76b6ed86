// The record's headers in record order, duplicates kept; failure headers and Redrive's own are marked as the server
// tells them apart (by the rule redeliveries are sent by).
import clsx from "clsx";
import type { MessageHeader } from "@/lib/contract/schemas";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { TableContainer } from "@/components/ui/table-container";
import { numericClass, rowClass, tableClass, tdClass, thClass } from "@/components/ui/table-styles";
import { BytesText } from "./bytes-text";

export function HeadersTable({ headers }: { headers: readonly MessageHeader[] }) {
  if (headers.length === 0) {
    return (
      <div className="rounded-lg border border-border bg-surface">
        <EmptyState title="No headers" />
      </div>
    );
  }
  return (
    // Headers are few: the table grows with them instead of scrolling inside the page.
    <TableContainer className="max-h-none">
      <table aria-label="Headers" className={`${tableClass} table-fixed`}>
        <thead>
          <tr>
            <th scope="col" className={`${thClass} w-12 text-right max-sm:hidden`}>
              #
            </th>
            <th scope="col" className={`${thClass} w-[38%] sm:w-[32%]`}>
              Key
            </th>
            <th scope="col" className={thClass}>
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {headers.map((header, index) => {
            const { kind } = header;
            return (
              // Keys repeat, so the position is the identity.
              <tr key={index} className={clsx(rowClass, kind !== "application" && "bg-surface-2/50")}>
                <td className={`${tdClass} ${numericClass} align-top text-muted max-sm:hidden`}>{index + 1}</td>
                <td className={`${tdClass} align-top`}>
                  <div className="flex min-w-0 flex-col items-start gap-1">
                    <span className="font-mono text-xs break-all">{header.key}</span>
                    {kind === "failure" ? (
                      <Badge tone="danger" title="Written by the DLQ producer to describe the failure">
                        failure
                      </Badge>
                    ) : kind === "redrive" ? (
                      <Badge tone="accent" title="Added by Redrive when the record was redelivered">
                        redrive
                      </Badge>
                    ) : null}
                    {header.keyBase64 !== undefined ? (
                      <Badge
                        tone="neutral"
                        title={`The key's bytes (base64): ${header.keyBase64}. Shown with U+FFFD; redelivered as they came.`}
                      >
                        raw key
                      </Badge>
                    ) : null}
                  </div>
                </td>
                <td className={`${tdClass} align-top`}>
                  <BytesText bytes={header.value} label={`Header ${index + 1} (${header.key})`} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableContainer>
  );
}
