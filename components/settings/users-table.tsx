"use client";
// The users as a table: each row changes its user's role or disables them on the spot; the server refuses leaving no admin.
import clsx from "clsx";
import { roleSchema, type User } from "@/lib/contract/auth-schemas";
import { useUpdateUser } from "@/lib/query/users";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorAlert } from "@/components/ui/error-alert";
import { RelativeTime } from "@/components/ui/relative-time";
import { SelectField } from "@/components/ui/select-field";
import { TableContainer } from "@/components/ui/table-container";
import { TruncatedText } from "@/components/ui/truncated-text";
import { rowClass, tableClass, tdClass, thClass } from "@/components/ui/table-styles";
import { rowHeaderClass } from "./row-header-class";
import { describeAdminError } from "./describe-admin-error";
import { ROLE_OPTIONS } from "./role-options";

export function UsersTable({ users, currentUserId }: { users: readonly User[]; currentUserId: string }) {
  const update = useUpdateUser();
  const pendingId = update.isPending ? update.variables.id : undefined;
  const failedUser = update.isError ? users.find((user) => user.id === update.variables.id) : undefined;

  return (
    <>
      {update.isError ? (
        <ErrorAlert>
          Could not change {failedUser?.username ?? "the user"}: {describeAdminError(update.error)}
        </ErrorAlert>
      ) : null}
      <TableContainer>
        <table aria-label="Users" className={tableClass}>
          <thead>
            <tr>
              <th scope="col" className={thClass}>
                Username
              </th>
              <th scope="col" className={thClass}>
                Name
              </th>
              <th scope="col" className={clsx(thClass, "w-36")}>
                Role
              </th>
              <th scope="col" className={thClass}>
                Status
              </th>
              <th scope="col" className={thClass}>
                Created
              </th>
              <th scope="col" className={thClass}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const pending = pendingId === user.id;
              return (
                <tr key={user.id} className={rowClass}>
                  <th scope="row" className={clsx(tdClass, rowHeaderClass)}>
                    <span className="flex min-w-0 items-center gap-2">
                      <TruncatedText text={user.username} className="min-w-0" />
                      {user.id === currentUserId ? <span className="shrink-0 text-xs font-normal text-muted">(you)</span> : null}
                    </span>
                  </th>
                  <td className={clsx(tdClass, "max-w-64")}>
                    {user.name ? <TruncatedText text={user.name} /> : <span className="text-muted">—</span>}
                  </td>
                  <td className={tdClass}>
                    <SelectField
                      label={`Role for ${user.username}`}
                      hideLabel
                      options={ROLE_OPTIONS}
                      value={user.role}
                      disabled={pending}
                      onChange={(event) => update.mutate({ id: user.id, change: { role: roleSchema.parse(event.target.value) } })}
                    />
                  </td>
                  <td className={tdClass}>{user.disabled ? <Badge tone="neutral">disabled</Badge> : <Badge tone="ok">active</Badge>}</td>
                  <td className={tdClass}>
                    <RelativeTime iso={user.createdAt} />
                  </td>
                  <td className={clsx(tdClass, "text-right")}>
                    <Button
                      size="sm"
                      variant={user.disabled ? "secondary" : "danger"}
                      disabled={pending}
                      onClick={() => update.mutate({ id: user.id, change: { disabled: !user.disabled } })}
                    >
                      {user.disabled ? "Enable" : "Disable"}
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableContainer>
    </>
  );
}
