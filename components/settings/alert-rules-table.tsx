"use client";
// The alert rules as a table: what each watches, whether it is firing, when it last fired and resolved, what went
// wrong posting it, and its controls (enable, send test, edit, delete).
import clsx from "clsx";
import type { ReactNode } from "react";
import type { AlertRuleView } from "@/lib/contract/alert-schemas";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { TableContainer } from "@/components/ui/table-container";
import { TruncatedText } from "@/components/ui/truncated-text";
import { rowClass, tableClass, tdClass, thClass } from "@/components/ui/table-styles";
import { rowHeaderClass } from "./row-header-class";

export const ALERT_COLUMNS = ["Rule", "State", "Last fired / resolved", "Enabled"] as const;

export interface AlertRowActions {
  isEnabled: (rule: AlertRuleView) => boolean;
  onToggle: (rule: AlertRuleView, enabled: boolean) => void;
  onTest: (rule: AlertRuleView) => void;
  onEdit: (rule: AlertRuleView) => void;
  onDelete: (rule: AlertRuleView) => void;
  /** The outcome of this rule's last "Send test", shown under its buttons. */
  testOutcome: (rule: AlertRuleView) => ReactNode;
}

function StateCell({ rule }: { rule: AlertRuleView }) {
  return (
    <div className="flex min-w-36 flex-col items-start gap-1">
      {!rule.enabled ? (
        <Badge tone="neutral">disabled</Badge>
      ) : rule.state === "firing" ? (
        <Badge tone="danger">firing</Badge>
      ) : (
        <Badge tone="ok">ok</Badge>
      )}
      {rule.enabled && rule.lastValue ? <span className="text-xs text-muted">{rule.lastValue}</span> : null}
      {rule.lastError ? (
        <span className="text-xs text-danger">
          {rule.lastError}
          {rule.lastErrorAt ? (
            <>
              {" "}
              (<RelativeTime iso={rule.lastErrorAt} />)
            </>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}

const when = (iso: string | null) => (iso ? <RelativeTime iso={iso} /> : <span className="text-muted">never</span>);

export function AlertRulesTable({
  rules,
  actions,
  empty,
}: {
  rules: readonly AlertRuleView[];
  actions: AlertRowActions;
  empty: ReactNode;
}) {
  return (
    <TableContainer>
      <table aria-label="Alert rules" className={tableClass}>
        <thead>
          <tr>
            {ALERT_COLUMNS.map((label) => (
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
          {rules.map((rule) => (
            <tr key={rule.id} className={clsx(rowClass, !rule.enabled && "text-muted")}>
              <th scope="row" className={clsx(tdClass, rowHeaderClass, "min-w-56 max-w-96")}>
                <TruncatedText text={rule.name} />
                <span className="block text-xs font-normal [overflow-wrap:anywhere] text-muted">{rule.condition}</span>
                <span className="block truncate font-mono text-xs font-normal text-muted" title="Webhook (masked)">
                  {rule.webhook}
                </span>
              </th>
              <td className={tdClass}>
                <StateCell rule={rule} />
              </td>
              <td className={clsx(tdClass, "text-xs")}>
                <span className="block whitespace-nowrap">Fired {when(rule.lastFiredAt)}</span>
                <span className="block whitespace-nowrap">Resolved {when(rule.lastResolvedAt)}</span>
              </td>
              <td className={tdClass}>
                <input
                  type="checkbox"
                  aria-label={`Enabled: ${rule.name}`}
                  checked={actions.isEnabled(rule)}
                  onChange={(event) => actions.onToggle(rule, event.target.checked)}
                  className="size-4 accent-accent"
                />
              </td>
              <td className={clsx(tdClass, "text-right")}>
                <div className="flex flex-col items-end gap-1">
                  <div className="flex justify-end gap-1.5">
                    <Button size="sm" onClick={() => actions.onTest(rule)}>
                      Send test
                    </Button>
                    <Button size="sm" onClick={() => actions.onEdit(rule)}>
                      Edit
                    </Button>
                    <Button size="sm" variant="danger" onClick={() => actions.onDelete(rule)}>
                      Delete
                    </Button>
                  </div>
                  {actions.testOutcome(rule)}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rules.length === 0 ? empty : null}
    </TableContainer>
  );
}
