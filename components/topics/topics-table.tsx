"use client";
// The topics list as a real <table>, virtualised so 10,000 topics scroll smoothly: only visible rows are in the DOM.
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useRef } from "react";
import { hrefs } from "@/lib/contract/hrefs";
import type { TopicSummary } from "@/lib/contract/schemas";
import { formatCount, formatInt64 } from "@/components/format/int64";
import { Badge } from "@/components/ui/badge";
import { SortableHeader } from "@/components/ui/sortable-header";
import { TableContainer } from "@/components/ui/table-container";
import { linkClass, numericClass, rowClass, tableClass, tdClass, thClass } from "@/components/ui/table-styles";
import type { SortDirection, TopicSortKey } from "./topic-list-params";

const ROW_HEIGHT = 37;
const COLUMN_COUNT = 4;

export function TopicsTable({
  cluster,
  topics,
  sort,
  direction,
  onSort,
  empty,
}: {
  cluster: string;
  topics: readonly TopicSummary[];
  sort: TopicSortKey;
  direction: SortDirection;
  onSort: (key: TopicSortKey) => void;
  empty?: React.ReactNode;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The React Compiler is not enabled here; useVirtualizer re-renders this component itself on scroll.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: topics.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
    // Render a first screenful before the container has been measured.
    initialRect: { width: 0, height: 800 },
  });
  const rows = virtualizer.getVirtualItems();
  const paddingTop = rows[0]?.start ?? 0;
  const paddingBottom = rows.length > 0 ? virtualizer.getTotalSize() - (rows[rows.length - 1]?.end ?? 0) : 0;

  return (
    <TableContainer ref={scrollRef} className="max-h-[max(22rem,calc(100dvh-15rem))]">
      <table aria-label="Topics" aria-rowcount={topics.length + 1} className={`${tableClass} table-fixed`}>
        <thead>
          <tr aria-rowindex={1}>
            <SortableHeader label="Name" active={sort === "name"} direction={direction} onSort={() => onSort("name")} />
            <SortableHeader
              label="Partitions"
              align="right"
              className="w-24 sm:w-28"
              active={sort === "partitions"}
              direction={direction}
              onSort={() => onSort("partitions")}
            />
            <th scope="col" className={`${thClass} w-28 text-right max-sm:hidden`}>
              Replication
            </th>
            <SortableHeader
              label="Messages"
              align="right"
              className="w-32 sm:w-44"
              active={sort === "messages"}
              direction={direction}
              onSort={() => onSort("messages")}
            />
          </tr>
        </thead>
        <tbody>
          {paddingTop > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={COLUMN_COUNT} style={{ height: paddingTop, padding: 0 }} />
            </tr>
          ) : null}
          {rows.map((row) => {
            const topic = topics[row.index];
            if (!topic) return null;
            return (
              <tr
                key={topic.name}
                data-index={row.index}
                ref={virtualizer.measureElement}
                aria-rowindex={row.index + 2}
                className={rowClass}
              >
                <td className={tdClass}>
                  <div className="flex min-w-0 items-center gap-2">
                    <Link href={hrefs.topic(cluster, topic.name)} title={topic.name} className={`${linkClass} min-w-0 truncate`}>
                      {topic.name}
                    </Link>
                    {topic.isDlq ? (
                      <Badge tone="dlq" title="Dead-letter topic (matches REDRIVE_DLQ_PATTERN)">
                        DLQ
                      </Badge>
                    ) : null}
                    {topic.isInternal ? (
                      <Badge tone="neutral" title="Kafka internal topic">
                        internal
                      </Badge>
                    ) : null}
                  </div>
                </td>
                <td className={`${tdClass} ${numericClass}`}>{formatCount(topic.partitions)}</td>
                <td className={`${tdClass} ${numericClass} max-sm:hidden`}>{formatCount(topic.replicationFactor)}</td>
                <td title={formatInt64(topic.messages)} className={`${tdClass} ${numericClass} overflow-hidden text-ellipsis`}>
                  {formatInt64(topic.messages)}
                </td>
              </tr>
            );
          })}
          {paddingBottom > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={COLUMN_COUNT} style={{ height: paddingBottom, padding: 0 }} />
            </tr>
          ) : null}
        </tbody>
      </table>
      {topics.length === 0 ? empty : null}
    </TableContainer>
  );
}
