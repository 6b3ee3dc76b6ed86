// Untrusted names (topics, groups, client ids) rendered as plain text on one line, with the full value on hover.
import clsx from "clsx";

export function TruncatedText({ text, className }: { text: string; className?: string }) {
  return (
    <span title={text} className={clsx("block truncate", className)}>
      {text}
    </span>
  );
}
