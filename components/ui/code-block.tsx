// Untrusted text (payloads, stack traces) in a monospace, scrollable box. React escapes it: it is never HTML.
import clsx from "clsx";

export function CodeBlock({ text, label, wrap = false, className }: { text: string; label: string; wrap?: boolean; className?: string }) {
  return (
    <pre
      aria-label={label}
      // Scrollable regions must be reachable from the keyboard.
      tabIndex={0}
      className={clsx(
        "max-h-[32rem] overflow-auto rounded-md border border-border bg-surface-2/50 p-3 font-mono text-xs leading-5",
        wrap ? "whitespace-pre-wrap [overflow-wrap:anywhere]" : "whitespace-pre",
        className,
      )}
    >
      {text}
    </pre>
  );
}
