"use client";
// One row of the message table, exactly ROW_HEIGHT (37 px) tall: every cell holds one 20 px line, so the virtualiser
// can place 10,000 rows by arithmetic without measuring them. Memoised: a poll that prepends records, or a move of the selection, re-renders only
// the rows whose message or selection changed. Every payload is rendered as React text, never as HTML. For operators,
// a checkbox picks the row for a bulk job.
import clsx from "clsx";
import Link from "next/link";
import { memo, type MouseEvent } from "react";
import type { DlqListMessage } from "@/lib/contract/schemas";
import { formatCount, formatInt64 } from "@/components/format/int64";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { linkClass, numericClass, tdClass } from "@/components/ui/table-styles";
import { MessageStatusBadge } from "@/components/ui/message-status-badge";
import { isPickable } from "./row-selection";
import { shortClassName } from "./short-class-name";

/** One 20 px line: a badge left inline would sit on the text baseline and make its row a pixel taller. */
const LINE_CLASS = "flex h-5 min-w-0 items-center";
const SELECTED_MARK = "shadow-[inset_3px_0_0_var(--accent)]";

export const MessageRow = memo(function MessageRow({
  message,
  href,
  index,
  selected,
  onOpen,
  picked = false,
  onPick,
}: {
  message: DlqListMessage;
  href: string;
  index: number;
  selected: boolean;
  onOpen: (href: string) => void;
  picked?: boolean;
  /** Present for operators only: the row then starts with its checkbox. */
  onPick?: (message: DlqListMessage) => void;
}) {
  const { failure } = message;
  const exception = shortClassName(failure.exceptionClass);
  const failureText = [failure.exceptionClass ?? "Unknown exception", failure.message].filter(Boolean).join(": ");

  function onClick(event: MouseEvent<HTMLTableRowElement>) {
    // The offset link and the checkbox handle their own clicks; a drag that selected text is not a click.
    if ((event.target as HTMLElement).closest("a, [data-row-control]") || window.getSelection()?.toString()) return;
    onOpen(href);
  }

  return (
    <tr
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-selected={selected || undefined}
      onClick={onClick}
      className={clsx("cursor-pointer", selected ? "bg-accent-soft" : "hover:bg-surface-2/60")}
    >
      {onPick ? (
        <td data-row-control className={clsx(tdClass, "cursor-default pr-0", selected && SELECTED_MARK)}>
          <div className={LINE_CLASS}>
            <input
              type="checkbox"
              checked={picked}
              disabled={!picked && !isPickable(message)}
              onChange={() => onPick(message)}
              aria-label={`Pick partition ${message.partition} offset ${message.offset}`}
              title={isPickable(message) ? "Pick for a bulk job (Space)" : "Only pending records can be picked"}
              className="size-4 accent-accent"
            />
          </div>
        </td>
      ) : null}
      <td className={clsx(tdClass, numericClass, selected && !onPick && SELECTED_MARK)}>
        {/* No prefetch: scrolling 10,000 rows past the viewport must not fetch a route per row. */}
        <Link
          href={href}
          prefetch={false}
          title={`Partition ${message.partition}, offset ${formatInt64(message.offset)}`}
          className={`${linkClass} block truncate`}
        >
          {formatInt64(message.offset)}
        </Link>
      </td>
      <td className={clsx(tdClass, numericClass, "max-sm:hidden")}>{formatCount(message.partition)}</td>
      <td className={clsx(tdClass, "text-muted max-sm:hidden")}>
        <RelativeTime iso={message.timestamp} />
      </td>
      <td className={clsx(tdClass, "max-md:hidden")}>
        <div className={LINE_CLASS}>
          <KeyText keyBytes={message.key} />
        </div>
      </td>
      <td className={tdClass}>
        <div className={clsx(LINE_CLASS, "gap-2")} title={failureText}>
          {/* The message first: it is what tells records of one group apart (the group panel names the exception). */}
          <span className="block h-5 min-w-0 truncate leading-5">
            {failure.message ? <span>{failure.message} </span> : null}
            <span className="font-mono text-xs text-muted">{exception ?? "Unknown exception"}</span>
          </span>
          {failure.unparsedReason !== null ? (
            <Badge tone="neutral" title={`Stored unparsed: ${failure.unparsedReason}`}>
              unparsed
            </Badge>
          ) : null}
          {message.redriveSource ? (
            <Badge
              tone="danger"
              title={`Failed again after redelivery of ${message.redriveSource.topic}/${message.redriveSource.partition}/${message.redriveSource.offset}`}
            >
              failed again
            </Badge>
          ) : null}
        </div>
      </td>
      <td className={tdClass}>
        <div className={clsx(LINE_CLASS, "gap-1")}>
          <MessageStatusBadge status={message.status} />
          {message.delivery === "checking" ? (
            <Badge tone="accent" title="Kafka did not confirm a redelivery of this message: Redrive is checking whether it landed">
              checking whether it landed
            </Badge>
          ) : null}
        </div>
      </td>
    </tr>
  );
});

function KeyText({ keyBytes }: { keyBytes: DlqListMessage["key"] }) {
  if (keyBytes === null)
    return (
      <Badge tone="neutral" title="The record has no key">
        null
      </Badge>
    );
  if (keyBytes.text === null)
    return (
      <Badge tone="neutral" title="The key is not UTF-8 text">
        binary
      </Badge>
    );
  if (keyBytes.text === "")
    return (
      <Badge tone="neutral" title="The key is zero bytes long">
        empty
      </Badge>
    );
  return (
    <span title={keyBytes.text} className="block truncate font-mono text-xs">
      {keyBytes.text}
    </span>
  );
}
