// The edited value against the original, line by line, as plain text (payloads are never rendered as HTML).
import { diffLines } from "diff";
import { useMemo } from "react";

export function ValueDiff({ original, edited }: { original: string; edited: string }) {
  const changes = useMemo(() => diffLines(original, edited), [original, edited]);
  if (!changes.some((change) => change.added || change.removed)) return <p className="text-xs text-muted">No changes yet.</p>;
  return (
    <pre aria-label="Changes to the value" className="max-h-40 overflow-auto rounded border border-border bg-surface-2 px-2 py-1 font-mono text-xs whitespace-pre-wrap break-all">
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
