"use client";
// The API tokens as a table: who made each, when it was last used, and a Revoke button on the active ones.
import clsx from "clsx";
import type { ReactNode } from "react";
import type { ApiToken } from "@/lib/query/tokens";
import { RoleBadge } from "@/components/auth/role-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { TableContainer } from "@/components/ui/table-container";
import { TruncatedText } from "@/components/ui/truncated-text";
import { rowClass, tableClass, tdClass, thClass } from "@/components/ui/table-styles";
import { rowHeaderClass } from "./row-header-class";

export const TOKEN_COLUMNS = ["Name", "Role", "Prefix", "Created", "Created by", "Last used", "Status"] as const;

export function TokensTable({ tokens, onRevoke, empty }: { tokens: readonly ApiToken[]; onRevoke: (token: ApiToken) => void; empty: ReactNode }) {
  return (
    <TableContainer>
      <table aria-label="API tokens" className={tableClass}>
        <thead>
          <tr>
            {TOKEN_COLUMNS.map((label) => (
              <th key={label} scope="col" className={thClass}>
                {label}
              </th>
            ))}
            <th scope="col" className={thClass}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} className={clsx(rowClass, token.revokedAt && "text-muted")}>
              <th scope="row" className={clsx(tdClass, rowHeaderClass)}>
                <TruncatedText text={token.name} />
              </th>
              <td className={tdClass}>
                <RoleBadge role={token.role} />
              </td>
              <td className={clsx(tdClass, "font-mono text-xs whitespace-nowrap")}>{token.prefix}…</td>
              <td className={tdClass}>
                <RelativeTime iso={token.createdAt} />
              </td>
              <td className={clsx(tdClass, "max-w-40")}>
                {token.createdBy ? <TruncatedText text={token.createdBy} /> : <span className="text-muted">—</span>}
              </td>
              <td className={tdClass}>{token.lastUsedAt ? <RelativeTime iso={token.lastUsedAt} /> : <span className="text-muted">Never</span>}</td>
              <td className={tdClass}>
                {token.revokedAt ? (
                  <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
                    <Badge tone="neutral">revoked</Badge>
                    <RelativeTime iso={token.revokedAt} />
                  </span>
                ) : (
                  <Badge tone="ok">active</Badge>
                )}
              </td>
              <td className={clsx(tdClass, "text-right")}>
                {token.revokedAt ? null : (
                  <Button size="sm" variant="danger" onClick={() => onRevoke(token)}>
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {tokens.length === 0 ? empty : null}
    </TableContainer>
  );
}
