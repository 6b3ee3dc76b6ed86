"use client";
// Adds a user who can sign in with a username and password; the server checks the rules and names the field it refuses.
import { useState, type FormEvent } from "react";
import { roleSchema, type Role } from "@/lib/contract/auth-schemas";
import { useCreateUser } from "@/lib/query/users";
import { Button } from "@/components/ui/button";
import { ErrorAlert } from "@/components/ui/error-alert";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { describeAdminError } from "./describe-admin-error";
import { ROLE_OPTIONS } from "./role-options";

type Draft = { username: string; name: string; password: string; role: Role };

const EMPTY: Draft = { username: "", name: "", password: "", role: "viewer" };

export function CreateUserForm() {
  const [draft, setDraft] = useState(EMPTY);
  const create = useCreateUser();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = draft.name.trim();
    create.mutate(
      { username: draft.username.trim(), ...(name ? { name } : {}), password: draft.password, role: draft.role },
      { onSuccess: () => setDraft(EMPTY) },
    );
  }

  return (
    <form aria-label="Create user" onSubmit={submit} className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4">
      <h3 className="text-sm font-semibold">Create user</h3>
      {create.isError ? <ErrorAlert>Could not create the user: {describeAdminError(create.error)}</ErrorAlert> : null}
      {create.isSuccess ? (
        <p role="status" className="text-sm text-ok [overflow-wrap:anywhere]">
          Created {create.data.username} ({create.data.role}).
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextField
          label="New username"
          name="username"
          autoComplete="off"
          autoCapitalize="none"
          required
          value={draft.username}
          onChange={(event) => setDraft({ ...draft, username: event.target.value })}
        />
        <TextField
          label="Display name"
          name="name"
          autoComplete="off"
          value={draft.name}
          onChange={(event) => setDraft({ ...draft, name: event.target.value })}
        />
        <TextField
          label="New password"
          name="new-password"
          type="password"
          autoComplete="new-password"
          required
          value={draft.password}
          onChange={(event) => setDraft({ ...draft, password: event.target.value })}
        />
        <SelectField
          label="New user role"
          name="role"
          options={ROLE_OPTIONS}
          value={draft.role}
          onChange={(event) => setDraft({ ...draft, role: roleSchema.parse(event.target.value) })}
        />
      </div>
      <div>
        <Button type="submit" variant="primary" disabled={create.isPending}>
          Create user
        </Button>
      </div>
    </form>
  );
}
