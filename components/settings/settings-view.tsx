"use client";
// The Settings page: users, API tokens and alert rules for admins; a 403 state (no forms, no data requested) for everyone else.
import { useMe } from "@/lib/query/me";
import { ForbiddenState } from "@/components/auth/forbidden-state";
import { PageHeader } from "@/components/console/page-header";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Skeleton } from "@/components/ui/skeleton";
import { AlertsPanel } from "./alerts-panel";
import { describeAdminError } from "./describe-admin-error";
import { TokensPanel } from "./tokens-panel";
import { UsersPanel } from "./users-panel";

export function SettingsView() {
  const { data: me, error } = useMe();

  if (!me) {
    // A 401 is being handled by the shell's redirect to the sign-in page.
    return error ? <ErrorAlert>Could not check your role: {describeAdminError(error)}</ErrorAlert> : <Skeleton className="h-7 w-40" />;
  }

  if (me.user.role !== "admin") {
    return (
      <ForbiddenState title="You need the admin role to see settings">
        You are signed in as <span className="font-medium text-fg [overflow-wrap:anywhere]">{me.user.username}</span> with the{" "}
        {me.user.role} role. An admin can change your role.
      </ForbiddenState>
    );
  }

  return (
    <>
      <PageHeader title="Settings" />
      <UsersPanel currentUserId={me.user.id} />
      <TokensPanel />
      <AlertsPanel />
    </>
  );
}
