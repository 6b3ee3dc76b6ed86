"use client";
// Asks before revoking a token: scripts using it start getting 401 at once, and it cannot be undone.
import type { ApiToken } from "@/lib/contract/auth-schemas";
import { useRevokeToken } from "@/lib/query/tokens";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorAlert } from "@/components/ui/error-alert";
import { describeAdminError } from "./describe-admin-error";

export function RevokeTokenDialog({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const revoke = useRevokeToken();

  function close() {
    revoke.reset();
    onClose();
  }

  return (
    <ConfirmDialog
      open={token !== null}
      title={token ? `Revoke token ${token.name}?` : ""}
      confirmLabel="Revoke"
      confirmDisabled={revoke.isPending}
      onCancel={close}
      onConfirm={() => {
        if (token) revoke.mutate(token.id, { onSuccess: close });
      }}
    >
      <p className="text-muted">
        Anything still using it (prefix <span className="font-mono text-fg">{token?.prefix}…</span>) is refused from now on. This cannot be
        undone.
      </p>
      {revoke.isError ? <ErrorAlert>Could not revoke the token: {describeAdminError(revoke.error)}</ErrorAlert> : null}
    </ConfirmDialog>
  );
}
