"use client";
// Creates an alert rule, or edits one: what to watch, when it fires, and the webhook it posts to (Slack-compatible).
// Ages and durations are entered in minutes; the API takes seconds.
import { useState, type FormEvent } from "react";
import { alertKinds, type AlertKind, type AlertRuleInput, type AlertRuleView } from "@/lib/contract/alert-schemas";
import { useCreateAlertRule, useUpdateAlertRule } from "@/lib/query/alerts";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { ErrorAlert } from "@/components/ui/error-alert";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { describeAdminError } from "./describe-admin-error";

const KIND_LABELS: Record<AlertKind, string> = {
  dlq_pending: "DLQ pending above N",
  dlq_oldest_pending: "Oldest pending older than T",
  new_failure_group: "A new failure group appears",
  group_lag: "Group lag above N for T",
};
const KIND_OPTIONS = alertKinds.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }));

interface Draft {
  name: string;
  kind: AlertKind;
  target: string;
  threshold: string;
  forMinutes: string;
  webhookUrl: string;
  enabled: boolean;
}

const EMPTY: Draft = { name: "", kind: "dlq_pending", target: "", threshold: "100", forMinutes: "0", webhookUrl: "", enabled: true };

function draftOf(rule: AlertRuleView): Draft {
  const threshold = rule.kind === "dlq_oldest_pending" ? String(Number(rule.threshold) / 60) : rule.threshold;
  return {
    name: rule.name,
    kind: rule.kind,
    target: rule.target ?? "",
    threshold,
    forMinutes: String(rule.forSeconds / 60),
    webhookUrl: "",
    enabled: rule.enabled,
  };
}

/** Whole minutes or seconds as the API wants them; a value the API will refuse goes through so its message names the field. */
function inputOf(draft: Draft): AlertRuleInput {
  const minutes = (value: string) => Math.round(Number(value) * 60);
  return {
    name: draft.name.trim(),
    kind: draft.kind,
    target: draft.target.trim() || null,
    threshold: draft.kind === "dlq_oldest_pending" ? String(minutes(draft.threshold)) : draft.threshold.trim() || "0",
    forSeconds: draft.kind === "new_failure_group" ? 0 : minutes(draft.forMinutes || "0"),
    ...(draft.webhookUrl.trim() ? { webhookUrl: draft.webhookUrl.trim() } : {}),
    enabled: draft.enabled,
  };
}

export function AlertRuleForm({ editing, onDone }: { editing: AlertRuleView | null; onDone: () => void }) {
  const [draft, setDraft] = useState<Draft>(editing ? draftOf(editing) : EMPTY);
  const create = useCreateAlertRule();
  const update = useUpdateAlertRule();
  const mutation = editing ? update : create;
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const isDlqKind = draft.kind !== "group_lag";

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = inputOf(draft);
    const done = () => {
      if (!editing) setDraft(EMPTY);
      onDone();
    };
    if (editing) update.mutate({ id: editing.id, change: input }, { onSuccess: done });
    else create.mutate(input, { onSuccess: done });
  }

  const formName = editing ? "Edit alert rule" : "New alert rule";
  return (
    <form aria-label={formName} onSubmit={submit} className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4">
      <h3 className="text-sm font-semibold">{editing ? `Edit ${editing.name}` : "New alert rule"}</h3>
      {mutation.isError ? <ErrorAlert>Could not save the rule: {describeAdminError(mutation.error)}</ErrorAlert> : null}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <TextField
          label="Rule name"
          name="alert-name"
          autoComplete="off"
          required
          placeholder="e.g. Orders DLQ filling up"
          value={draft.name}
          onChange={(e) => set({ name: e.target.value })}
        />
        <SelectField
          label="Condition"
          name="alert-kind"
          options={KIND_OPTIONS}
          value={draft.kind}
          onChange={(e) => set({ kind: e.target.value as AlertKind })}
        />
        <TextField
          label={isDlqKind ? "DLQ topic" : "Consumer group"}
          name="alert-target"
          autoComplete="off"
          placeholder={isDlqKind ? "empty: any DLQ" : "empty: any group"}
          value={draft.target}
          onChange={(e) => set({ target: e.target.value })}
        />
        {draft.kind === "new_failure_group" ? null : (
          <TextField
            label={
              draft.kind === "dlq_oldest_pending"
                ? "Older than (minutes)"
                : draft.kind === "group_lag"
                  ? "Lag above (records)"
                  : "Pending above (records)"
            }
            name="alert-threshold"
            inputMode="numeric"
            required
            value={draft.threshold}
            onChange={(e) => set({ threshold: e.target.value })}
          />
        )}
        {draft.kind === "new_failure_group" ? null : (
          <TextField
            label="For at least (minutes)"
            name="alert-for"
            inputMode="decimal"
            value={draft.forMinutes}
            onChange={(e) => set({ forMinutes: e.target.value })}
          />
        )}
        <TextField
          label="Webhook URL"
          name="alert-webhook"
          type="url"
          autoComplete="off"
          required={!editing}
          placeholder={editing ? `unchanged: ${editing.webhook}` : "https://hooks.slack.com/services/…"}
          value={draft.webhookUrl}
          onChange={(e) => set({ webhookUrl: e.target.value })}
        />
      </div>
      <p className="text-xs text-muted">
        Posts Slack-compatible JSON (<code className="font-mono">{'{"text": …}'}</code>) once when the rule fires and once when it resolves.
        Redirects are not followed. The URL is kept as a secret: it is shown masked from now on.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Checkbox label="Enabled" checked={draft.enabled} onChange={(enabled) => set({ enabled })} />
        <span className="grow" />
        {editing ? <Button onClick={onDone}>Cancel</Button> : null}
        <Button type="submit" variant="primary" disabled={mutation.isPending}>
          {editing ? "Save rule" : "Create rule"}
        </Button>
      </div>
    </form>
  );
}
