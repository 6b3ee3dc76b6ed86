"use client";
// One row of the message table. Memoised: a poll that prepends records, or a move of the selection, re-renders only
// the rows whose message or selection changed. Every payload is rendered as React text, never as HTML.
import clsx from "clsx";
import Link from "next/link";
import { memo, type MouseEvent } from "react";
import type { DlqListMessage } from "@/lib/api/schemas";
import { formatCount, formatInt64 } from "@/components/format/int64";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { linkClass, numericClass, tdClass } from "@/components/ui/table-styles";
import { MessageStatusBadge } from "./message-status-badge";
import { shortClassName } from "./short-class-name";

export const MessageRow = memo(function MessageRow({
  message,
  href,
  index,
  selected,
  onOpen,
}: {
  message: DlqListMessage;
  href: string;
  index: number;
  selected: boolean;
  onOpen: (href: string) => void;
}) {
  const { failure } = message;
  const exception = shortClassName(failure.exceptionClass);
  const failureText = [failure.exceptionClass ?? "Unknown exception", failure.message].filter(Boolean).join(": ");

  function onClick(event: MouseEvent<HTMLTableRowElement>) {
    // The offset link handles its own clicks; a drag that selected text is not a click.
    if ((event.target as HTMLElement).closest("a") || window.getSelection()?.toString()) return;
    onOpen(href);
  }

  return (
    <tr
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-selected={selected || undefined}
      onClick={onClick}
      className={clsx("h-[37px] cursor-pointer [&:last-child>td]:border-b-0", selected ? "bg-accent-soft" : "hover:bg-surface-2/60")}
    >
      <td className={clsx(tdClass, numericClass, selected && "shadow-[inset_3px_0_0_var(--accent)]")}>
        <Link href={href} title={`Partition ${message.partition}, offset ${formatInt64(message.offset)}`} className={`${linkClass} block truncate`}>
          {formatInt64(message.offset)}
        </Link>
      </td>
      <td className={clsx(tdClass, numericClass, "max-sm:hidden")}>{formatCount(message.partition)}</td>
      <td className={clsx(tdClass, "text-muted max-sm:hidden")}>
        <RelativeTime iso={message.timestamp} />
      </td>
      <td className={clsx(tdClass, "max-md:hidden")}>
        <KeyText keyBytes={message.key} />
      </td>
      <td className={tdClass}>
        <div className="flex min-w-0 items-center gap-2" title={failureText}>
          <span className="min-w-0 truncate">
            <span className="font-mono text-xs font-semibold">{exception ?? "Unknown"}</span>
            {failure.message ? <span className="text-muted"> {failure.message}</span> : null}
          </span>
          {message.redriveSource ? (
            <Badge tone="danger" title={`Failed again after redelivery of ${message.redriveSource.topic}/${message.redriveSource.partition}/${message.redriveSource.offset}`}>
              failed again
            </Badge>
          ) : null}
        </div>
      </td>
      <td className={tdClass}>
        <MessageStatusBadge status={message.status} />
      </td>
    </tr>
  );
});

function KeyText({ keyBytes }: { keyBytes: DlqListMessage["key"] }) {
  if (keyBytes === null) return <Badge tone="neutral" title="The record has no key">null</Badge>;
  if (keyBytes.text === null) return <Badge tone="neutral" title="The key is not UTF-8 text">binary</Badge>;
  if (keyBytes.text === "") return <Badge tone="neutral" title="The key is zero bytes long">empty</Badge>;
  return (
    <span title={keyBytes.text} className="block truncate font-mono text-xs">
      {keyBytes.text}
    </span>
  );
}
