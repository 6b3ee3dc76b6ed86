"use client";
// The API tokens as a table: who made each, when it expires and was last used, and a Revoke button on the active ones.
import clsx from "clsx";
import type { ReactNode } from "react";
import type { ApiToken } from "@/lib/contract/auth-schemas";
import { RoleBadge } from "@/components/auth/role-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatUtc } from "@/components/format/relative-time";
import { RelativeTime } from "@/components/ui/relative-time";
import { useNow } from "@/components/ui/use-now";
import { TableContainer } from "@/components/ui/table-container";
import { TruncatedText } from "@/components/ui/truncated-text";
import { rowClass, tableClass, tdClass, thClass } from "@/components/ui/table-styles";
import { rowHeaderClass } from "./row-header-class";

export const TOKEN_COLUMNS = ["Name", "Role", "Prefix", "Created", "Created by", "Expires", "Last used", "Status"] as const;

function TokenStatus({ token }: { token: ApiToken }) {
  const now = useNow();
  if (token.revokedAt) {
    return (
      <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
        <Badge tone="neutral">revoked</Badge>
        <RelativeTime iso={token.revokedAt} />
      </span>
    );
  }
  // Before the clock starts (now is 0) nothing has expired yet; the server refuses an expired token regardless.
  if (token.expiresAt && now > 0 && Date.parse(token.expiresAt) <= now) return <Badge tone="neutral">expired</Badge>;
  return <Badge tone="ok">active</Badge>;
}

export function TokensTable({
  tokens,
  onRevoke,
  empty,
}: {
  tokens: readonly ApiToken[];
  onRevoke: (token: ApiToken) => void;
  empty: ReactNode;
}) {
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
              <td className={clsx(tdClass, "whitespace-nowrap")}>
                {token.expiresAt ? (
                  <time dateTime={token.expiresAt} title={formatUtc(Date.parse(token.expiresAt))}>
                    {token.expiresAt.slice(0, 10)}
                  </time>
                ) : (
                  <span className="text-muted">Never</span>
                )}
              </td>
              <td className={tdClass}>
                {token.lastUsedAt ? <RelativeTime iso={token.lastUsedAt} /> : <span className="text-muted">Never</span>}
              </td>
              <td className={tdClass}>
                <TokenStatus token={token} />
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
