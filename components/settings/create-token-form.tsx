"use client";
// Issues an API token with a role and a lifetime; its secret is shown once, right here, and never again.
import { useState, type FormEvent } from "react";
import { roleSchema, type Role } from "@/lib/contract/auth-schemas";
import { useCreateToken } from "@/lib/query/tokens";
import { Button } from "@/components/ui/button";
import { ErrorAlert } from "@/components/ui/error-alert";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { describeAdminError } from "./describe-admin-error";
import { NewTokenNotice } from "./new-token-notice";
import { ROLE_OPTIONS } from "./role-options";

// Days, as the API takes them; "" never expires. Short lifetimes first nudge towards tokens that end.
const EXPIRY_OPTIONS = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "7", label: "7 days" },
  { value: "", label: "Never" },
] as const;

export function CreateTokenForm() {
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [expiresIn, setExpiresIn] = useState<string>("90");
  const create = useCreateToken();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name: name.trim(), role, expiresInDays: expiresIn ? Number(expiresIn) : null }, { onSuccess: () => setName("") });
  }

  return (
    <form aria-label="Create token" onSubmit={submit} className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4">
      <h3 className="text-sm font-semibold">Create token</h3>
      {create.isError ? <ErrorAlert>Could not create the token: {describeAdminError(create.error)}</ErrorAlert> : null}
      {create.isSuccess ? <NewTokenNotice token={create.data} onDone={() => create.reset()} /> : null}
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          label="Token name"
          name="token-name"
          autoComplete="off"
          required
          placeholder="e.g. ci-redeliver"
          value={name}
          onChange={(event) => setName(event.target.value)}
          className="w-full sm:w-64"
        />
        <SelectField
          label="Token role"
          name="token-role"
          options={ROLE_OPTIONS}
          value={role}
          onChange={(event) => setRole(roleSchema.parse(event.target.value))}
          className="w-full sm:w-40"
        />
        <SelectField
          label="Expires after"
          name="token-expiry"
          options={EXPIRY_OPTIONS}
          value={expiresIn}
          onChange={(event) => setExpiresIn(event.target.value)}
          className="w-full sm:w-36"
        />
        <Button type="submit" variant="primary" disabled={create.isPending}>
          Create token
        </Button>
      </div>
    </form>
  );
}
