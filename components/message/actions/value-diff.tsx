// The edited value against the original, line by line, as plain text (payloads are never rendered as HTML).
import { useMemo } from "react";
import { boundedLineChanges } from "@/lib/contract/bounded-diff";

export function ValueDiff({ original, edited }: { original: string; edited: string }) {
  // Unbounded, an edit of every line of a large value would freeze the tab while it types.
  const changes = useMemo(() => boundedLineChanges(original, edited), [original, edited]);
  if (changes === null) {
    return <p className="text-xs text-muted">The edit changes too much to show line by line; the audit log keeps its digests.</p>;
  }
  if (!changes.some((change) => change.added || change.removed)) return <p className="text-xs text-muted">No changes yet.</p>;
  return (
    <pre
      aria-label="Changes to the value"
      className="max-h-40 overflow-auto rounded border border-border bg-surface-2 px-2 py-1 font-mono text-xs whitespace-pre-wrap break-all"
    >
      {changes.flatMap((change, i) => {
        const sign = change.added ? "+" : change.removed ? "-" : " ";
        const tone = change.added ? "text-ok" : change.removed ? "text-danger" : "text-muted";
        return change.value
          .replace(/\n$/, "")
          .split("\n")
          .map((line, j) => <span key={`${i}-${j}`} className={`block ${tone}`}>{`${sign} ${line}`}</span>);
      })}
    </pre>
  );
}
