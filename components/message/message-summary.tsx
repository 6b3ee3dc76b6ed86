// Where the record sits and when it was written: partition, offset, timestamp (exact UTC), status, size.
import type { DlqMessageDetails } from "@/lib/contract/schemas";
import { formatByteSize } from "@/components/format/bytes";
import { formatInt64 } from "@/components/format/int64";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import { StatGrid } from "@/components/ui/stat-grid";
import { MessageStatusBadge } from "@/components/ui/message-status-badge";

export function MessageSummary({ message }: { message: DlqMessageDetails | undefined }) {
  const placeholder = <Skeleton className="h-6 w-16" />;
  const ms = message ? Date.parse(message.timestamp) : NaN;
  return (
    <StatGrid label="Record">
      <Stat label="Partition" numeric>
        {message ? message.partition : placeholder}
      </Stat>
      <Stat label="Offset" numeric>
        {message ? formatInt64(message.offset) : placeholder}
      </Stat>
      <Stat label="Timestamp" title={message?.timestamp}>
        {message ? (
          Number.isNaN(ms) ? (
            message.timestamp
          ) : (
            // Date over time, so the exact instant (to the millisecond Kafka keeps) fits a narrow cell.
            <time dateTime={message.timestamp} className="flex flex-col font-mono">
              <span>{message.timestamp.slice(0, 10)}</span>
              <span className="text-xs font-normal">{message.timestamp.slice(11, 23)} UTC</span>
              <span className="font-sans text-xs font-normal text-muted">
                <RelativeTime iso={message.timestamp} />
              </span>
            </time>
          )
        ) : (
          placeholder
        )}
      </Stat>
      <Stat label="Status">{message ? <MessageStatusBadge status={message.status} /> : placeholder}</Stat>
      <Stat label="Value size" numeric>
        {message ? message.value ? formatByteSize(message.value.size) : <span className="text-muted">null</span> : placeholder}
      </Stat>
      <Stat label="Headers" numeric>
        {message ? message.headers.length : placeholder}
      </Stat>
    </StatGrid>
  );
}
