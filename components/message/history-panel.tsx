// What operators have done with this message (redeliveries, discards), oldest first, from the audit log.
import type { AuditEntry } from "@/lib/contract/schemas";
import { EmptyState } from "@/components/ui/empty-state";
import { Panel } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";

/** What happened, in words, when the entry says so (a failure's error, a reconciled redelivery's finding). */
function outcomeOf(details: unknown): string | null {
  if (typeof details !== "object" || details === null) return null;
  const { finding, error } = details as { finding?: unknown; error?: unknown };
  return typeof finding === "string" ? finding : typeof error === "string" ? error : null;
}

function describeDetails(details: unknown): string | null {
  if (details === null || details === undefined) return null;
  if (typeof details === "object" && Object.keys(details).length === 0) return null;
  return typeof details === "string" ? details : JSON.stringify(details);
}

export function HistoryPanel({ history }: { history: readonly AuditEntry[] }) {
  return (
    <Panel title="History">
      {history.length === 0 ? (
        <div className="rounded-lg border border-border bg-surface">
          <EmptyState title="No actions yet">Redeliveries and discards of this message will be listed here.</EmptyState>
        </div>
      ) : (
        <ol aria-label="History" className="divide-y divide-border rounded-lg border border-border bg-surface">
          {history.map((entry) => {
            const details = describeDetails(entry.details);
            const outcome = outcomeOf(entry.details);
            return (
              <li key={entry.seq} className="flex flex-col gap-1 px-3 py-2 sm:flex-row sm:items-baseline sm:gap-3">
                <span className="w-28 shrink-0 text-xs text-muted">
                  <RelativeTime iso={entry.at} />
                </span>
                <div className="min-w-0 flex-1">
                  <p>
                    <span className="font-medium">{entry.action}</span> by <span className="font-mono">{entry.actor}</span>
                    {entry.role ? <span className="text-muted"> ({entry.role})</span> : null}
                  </p>
                  {outcome ? <p className="text-sm [overflow-wrap:anywhere]">{outcome}</p> : null}
                  {details ? <p className="font-mono text-xs break-all text-muted">{details}</p> : null}
                </div>
                <span className="font-mono text-xs text-muted" title="Audit sequence number">
                  #{entry.seq}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </Panel>
  );
}
