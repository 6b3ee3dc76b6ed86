"use client";
// The "Users" section of Settings: everyone who can sign in, their roles, and a form to add one.
import { useUsers } from "@/lib/query/users";
import { ErrorAlert } from "@/components/ui/error-alert";
import { LoadingTable } from "@/components/ui/loading-table";
import { Panel } from "@/components/ui/panel";
import { CreateUserForm } from "./create-user-form";
import { describeAdminError } from "./describe-admin-error";
import { UsersTable } from "./users-table";

export function UsersPanel({ currentUserId }: { currentUserId: string }) {
  const users = useUsers();
  return (
    <Panel title="Users">
      {users.error ? <ErrorAlert>Could not load users: {describeAdminError(users.error)}</ErrorAlert> : null}
      {users.data ? (
        <UsersTable users={users.data} currentUserId={currentUserId} />
      ) : users.error ? null : (
        <LoadingTable
          label="Users"
          columns={[{ label: "Username" }, { label: "Name" }, { label: "Role" }, { label: "Status" }, { label: "Created" }]}
          rows={3}
        />
      )}
      <CreateUserForm />
    </Panel>
  );
}
