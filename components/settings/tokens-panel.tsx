"use client";
// The "API tokens" section of Settings: tokens scripts use as `Authorization: Bearer …`, revoking them, and issuing one.
import { useState } from "react";
import type { ApiToken } from "@/lib/contract/auth-schemas";
import { useTokens } from "@/lib/query/tokens";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorAlert } from "@/components/ui/error-alert";
import { LoadingTable } from "@/components/ui/loading-table";
import { Panel } from "@/components/ui/panel";
import { CreateTokenForm } from "./create-token-form";
import { describeAdminError } from "./describe-admin-error";
import { RevokeTokenDialog } from "./revoke-token-dialog";
import { TOKEN_COLUMNS, TokensTable } from "./tokens-table";

export function TokensPanel() {
  const tokens = useTokens();
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <Panel title="API tokens">
      {tokens.error ? <ErrorAlert>Could not load API tokens: {describeAdminError(tokens.error)}</ErrorAlert> : null}
      {tokens.data ? (
        <TokensTable
          tokens={tokens.data}
          onRevoke={setRevoking}
          empty={
            <EmptyState title="No API tokens yet">
              Scripts and CI jobs call the API with a token: <code className="font-mono text-xs">Authorization: Bearer rdv_…</code>
            </EmptyState>
          }
        />
      ) : tokens.error ? null : (
        <LoadingTable label="API tokens" columns={TOKEN_COLUMNS.map((label) => ({ label }))} rows={2} />
      )}
      <CreateTokenForm />
      <RevokeTokenDialog token={revoking} onClose={() => setRevoking(null)} />
    </Panel>
  );
}
