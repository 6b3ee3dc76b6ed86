"use client";
// The DLQ's messages as a virtualised <table>: only the rows in view are in the DOM, so 10,000 loaded rows scroll
// smoothly. Scrolling near the end loads the next page; j/k move the selection, Enter opens it, Space picks it (for
// operators, who get a checkbox column for bulk jobs). Rows prepended by the live poll do not move what the operator
// is looking at.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { hrefs } from "@/lib/contract/hrefs";
import type { DlqListMessage } from "@/lib/contract/schemas";
import { formatCount, formatInt64 } from "@/components/format/int64";
import { TableContainer } from "@/components/ui/table-container";
import { tableClass, thClass } from "@/components/ui/table-styles";
import { messageKey } from "./merge-live-head";
import { MessageRow } from "./message-row";
import { isPickable, type PickedRows } from "./row-selection";
import { useListKeyboard } from "./use-list-keyboard";

/** Every row is exactly this tall (see message-row); the e2e spec checks it. */
const ROW_HEIGHT = 37;
const HEADER_HEIGHT = 33;

/** The checkbox column's state and callbacks; absent for viewers, who cannot start jobs. */
export interface RowPicking {
  picked: PickedRows;
  /** How many of the loaded pending rows are picked (the header checkbox). */
  loaded: "none" | "some" | "all";
  onPick: (message: DlqListMessage) => void;
  onPickAll: () => void;
}
/** Start loading the next page this many rows before the end. */
const LOAD_AHEAD_ROWS = 40;

export function MessagesTable({
  cluster,
  topic,
  messages,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  onSearch,
  busy,
  empty,
  picking,
}: {
  cluster: string;
  topic: string;
  messages: readonly DlqListMessage[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  onSearch: () => void;
  busy: boolean;
  empty: ReactNode;
  picking?: RowPicking;
}) {
  const router = useRouter();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const indexByKey = useMemo(() => new Map(messages.map((message, index) => [messageKey(message), index])), [messages]);
  const selectedIndex = selectedKey === null ? -1 : (indexByKey.get(selectedKey) ?? -1);

  // The React Compiler is not enabled here; useVirtualizer re-renders this component itself on scroll.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // The sticky header sits above the first row inside the scroll box.
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    overscan: 12,
    initialRect: { width: 0, height: 800 },
  });
  const rows = virtualizer.getVirtualItems();
  const paddingTop = (rows[0]?.start ?? HEADER_HEIGHT) - HEADER_HEIGHT;
  const paddingBottom = rows.length > 0 ? virtualizer.getTotalSize() - (rows[rows.length - 1]?.end ?? 0) : 0;
  const lastIndex = rows[rows.length - 1]?.index ?? -1;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= messages.length - LOAD_AHEAD_ROWS) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, lastIndex, messages.length, fetchNextPage]);

  // Keep the row at the top of the view in place when rows arrive or leave above it (unless scrolled to the very top,
  // where new records should simply show).
  const anchor = useRef<{ key: string; index: number } | null>(null);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const previous = anchor.current;
    if (!element || !previous || element.scrollTop === 0) return;
    const index = indexByKey.get(previous.key);
    if (index !== undefined && index !== previous.index) element.scrollTop += (index - previous.index) * ROW_HEIGHT;
  }, [indexByKey]);
  useLayoutEffect(() => {
    const top = Math.max(0, Math.floor((scrollRef.current?.scrollTop ?? 0) / ROW_HEIGHT));
    const message = messages[top];
    anchor.current = message ? { key: messageKey(message), index: top } : null;
  });

  const open = useCallback((href: string) => router.push(href), [router]);

  useListKeyboard({
    onMove: (step) => {
      if (messages.length === 0) return;
      // With nothing selected, j starts at the first row in view and k at the last.
      const range = virtualizer.range;
      const from =
        selectedIndex !== -1 ? selectedIndex : step === 1 ? (range?.startIndex ?? 0) - 1 : (range?.endIndex ?? messages.length - 1) + 1;
      const next = Math.min(messages.length - 1, Math.max(0, from + step));
      setSelectedKey(messageKey(messages[next]!));
      virtualizer.scrollToIndex(next, { align: "auto" });
    },
    onOpen: () => {
      const message = messages[selectedIndex];
      if (!message) return false;
      open(hrefs.dlqMessage(cluster, topic, message.partition, message.offset));
      return true;
    },
    onSearch,
    onPick: () => {
      const message = messages[selectedIndex];
      if (!picking || !message || !isPickable(message)) return false;
      picking.onPick(message);
      return true;
    },
  });

  const selected = messages[selectedIndex];
  return (
    <TableContainer ref={scrollRef} className="max-h-[max(24rem,calc(100dvh-17rem))]">
      <table
        aria-label="Messages"
        aria-busy={busy}
        aria-rowcount={hasNextPage ? -1 : messages.length + 1}
        className={`${tableClass} table-fixed ${busy ? "opacity-60" : ""}`}
      >
        <thead>
          <tr aria-rowindex={1}>
            {picking ? (
              <th scope="col" className={`${thClass} w-9 pr-0`}>
                <input
                  type="checkbox"
                  aria-label="Pick all loaded"
                  title="Pick every loaded pending record (up to 10,000)"
                  checked={picking.loaded === "all"}
                  ref={(box) => {
                    if (box) box.indeterminate = picking.loaded === "some";
                  }}
                  onChange={picking.onPickAll}
                  className="size-4 align-middle accent-accent"
                />
              </th>
            ) : null}
            <th scope="col" className={`${thClass} w-20 text-right sm:w-24`}>
              Offset
            </th>
            <th scope="col" className={`${thClass} w-20 text-right max-sm:hidden`}>
              Partition
            </th>
            <th scope="col" className={`${thClass} w-22 max-sm:hidden`}>
              Time
            </th>
            <th scope="col" className={`${thClass} w-32 max-md:hidden 2xl:w-44`}>
              Key
            </th>
            <th scope="col" className={thClass}>
              Failure
            </th>
            <th scope="col" className={`${thClass} w-26 sm:w-28`}>
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {/* The spacer rows hold one cell, not one spanning every column: a span counts the columns a narrow screen
              hides, and the fixed layout then shares the width with those empty columns. */}
          {paddingTop > 0 ? (
            <tr aria-hidden="true">
              <td style={{ height: paddingTop, padding: 0 }} />
            </tr>
          ) : null}
          {rows.map((row) => {
            const message = messages[row.index];
            if (!message) return null;
            return (
              <MessageRow
                key={messageKey(message)}
                message={message}
                href={hrefs.dlqMessage(cluster, topic, message.partition, message.offset)}
                index={row.index}
                selected={row.index === selectedIndex}
                onOpen={open}
                picked={picking?.picked.has(messageKey(message))}
                onPick={picking?.onPick}
              />
            );
          })}
          {paddingBottom > 0 ? (
            <tr aria-hidden="true">
              <td style={{ height: paddingBottom, padding: 0 }} />
            </tr>
          ) : null}
        </tbody>
      </table>
      {messages.length === 0 ? empty : null}
      {messages.length > 0 ? (
        <p className="px-3 py-2 text-xs text-muted" aria-live="polite">
          {isFetchingNextPage
            ? "Loading more…"
            : hasNextPage
              ? `${formatCount(messages.length)} loaded · scroll for more`
              : `All ${formatCount(messages.length)} loaded`}
        </p>
      ) : null}
      <p className="sr-only" aria-live="polite">
        {selected ? `Selected offset ${formatInt64(selected.offset)} in partition ${selected.partition}. Enter opens it.` : ""}
      </p>
    </TableContainer>
  );
}
