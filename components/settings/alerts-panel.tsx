"use client";
// The "Alerts" section of Settings: rules that post to a webhook when a DLQ fills or ages, a new failure appears or a
// group lags — with their state, a test button, and the form to add or edit one.
import { useState } from "react";
import type { AlertRuleView } from "@/lib/contract/alert-schemas";
import { useAlertRules, useDeleteAlertRule, useSendTestNotice, useUpdateAlertRule } from "@/lib/query/alerts";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorAlert } from "@/components/ui/error-alert";
import { LoadingTable } from "@/components/ui/loading-table";
import { Panel } from "@/components/ui/panel";
import { AlertRuleForm } from "./alert-rule-form";
import { ALERT_COLUMNS, AlertRulesTable } from "./alert-rules-table";
import { describeAdminError } from "./describe-admin-error";

export function AlertsPanel() {
  const rules = useAlertRules();
  const update = useUpdateAlertRule();
  const remove = useDeleteAlertRule();
  const test = useSendTestNotice();
  const [editing, setEditing] = useState<AlertRuleView | null>(null);
  const [deleting, setDeleting] = useState<AlertRuleView | null>(null);

  const closeDelete = () => {
    remove.reset();
    setDeleting(null);
  };

  // The box shows the change at once, from state set in the click itself (a mutation's pending state reaches the
  // component a tick later, and the controlled box would spring back in between); the refetch after the change
  // confirms it, or reverts it on failure.
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map());
  const isEnabled = (rule: AlertRuleView) => toggled.get(rule.id) ?? rule.enabled;
  const toggle = (rule: AlertRuleView, enabled: boolean) => {
    setToggled((current) => new Map(current).set(rule.id, enabled));
    const settle = () =>
      setToggled((current) => {
        const next = new Map(current);
        next.delete(rule.id);
        return next;
      });
    // Per call, not the hook's last-call callbacks: two boxes clicked in quick succession each settle. A failure
    // shows through update.error.
    update
      .mutateAsync({ id: rule.id, change: { enabled } })
      .catch(() => undefined)
      .finally(settle);
  };

  const testOutcome = (rule: AlertRuleView) => {
    if (test.variables !== rule.id) return null;
    if (test.isPending) return <span className="text-xs text-muted">Sending…</span>;
    if (test.isError)
      return (
        <span role="status" className="text-xs text-danger">
          Test failed: {describeAdminError(test.error)}
        </span>
      );
    if (!test.data) return null;
    return test.data.ok ? (
      <span role="status" className="text-xs text-ok">
        Test delivered (HTTP {test.data.status})
      </span>
    ) : (
      <span role="status" className="text-xs text-danger">
        Test failed: {test.data.error}
      </span>
    );
  };

  return (
    <Panel title="Alerts">
      {rules.error ? <ErrorAlert>Could not load alert rules: {describeAdminError(rules.error)}</ErrorAlert> : null}
      {update.isError ? <ErrorAlert>Could not change the rule: {describeAdminError(update.error)}</ErrorAlert> : null}
      {rules.data ? (
        <AlertRulesTable
          rules={rules.data}
          actions={{
            isEnabled,
            onToggle: toggle,
            onTest: (rule) => test.mutate(rule.id),
            onEdit: setEditing,
            onDelete: setDeleting,
            testOutcome,
          }}
          empty={
            <EmptyState title="No alert rules yet">
              A rule posts to a webhook (Slack or anything that takes <code className="font-mono text-xs">{'{"text": …}'}</code>) once when
              it fires and once when it resolves.
            </EmptyState>
          }
        />
      ) : rules.error ? null : (
        <LoadingTable label="Alert rules" columns={ALERT_COLUMNS.map((label) => ({ label }))} rows={2} />
      )}
      <AlertRuleForm key={editing?.id ?? "new"} editing={editing} onDone={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? `Delete alert rule ${deleting.name}?` : ""}
        confirmLabel="Delete"
        confirmDisabled={remove.isPending}
        onCancel={closeDelete}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id, { onSuccess: closeDelete });
        }}
      >
        <p className="text-muted">
          It stops being evaluated at once{deleting?.state === "firing" ? "; no resolved notice will be posted for what is firing now" : ""}
          .
        </p>
        {remove.isError ? <ErrorAlert>Could not delete the rule: {describeAdminError(remove.error)}</ErrorAlert> : null}
      </ConfirmDialog>
    </Panel>
  );
}
