// The overview's health strip: brokers, Kafka and store reachability, and the cluster's size.
import type { GroupSummary, Readiness, TopicSummary } from "@/lib/contract/schemas";
import { formatCount, formatInt64, sumInt64 } from "@/components/format/int64";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import { StatGrid } from "@/components/ui/stat-grid";

export function HealthStats({
  brokers,
  readiness,
  topics,
  groups,
  unavailable,
}: {
  brokers: readonly string[] | undefined;
  readiness: Readiness | undefined;
  topics: readonly TopicSummary[] | undefined;
  groups: readonly GroupSummary[] | undefined;
  /** The live reads failed before any data arrived: show a dash rather than a placeholder that never resolves. */
  unavailable: boolean;
}) {
  const pending = unavailable ? <span className="text-muted">—</span> : null;
  const userTopics = topics?.filter((topic) => !topic.isInternal);
  const internalCount = topics ? topics.length - (userTopics?.length ?? 0) : 0;
  const brokerList = readiness?.kafka.brokers.length ? readiness.kafka.brokers : brokers;

  return (
    <StatGrid label="Cluster health">
      <Stat label="Brokers" numeric title={brokerList?.join(", ")}>
        {brokerList ? formatCount(brokerList.length) : <Skeleton className="h-6 w-8" />}
      </Stat>
      <Stat label="Kafka" title={readiness?.kafka.error}>
        {readiness ? (
          readiness.kafka.ok ? (
            <Badge tone="ok">Reachable</Badge>
          ) : (
            <Badge tone="danger">Not reachable</Badge>
          )
        ) : (
          <Skeleton className="h-6 w-20" />
        )}
      </Stat>
      <Stat label="Store" title={readiness?.store.error}>
        {readiness ? (
          <span className="flex items-center gap-2">
            {readiness.store.ok ? <Badge tone="ok">OK</Badge> : <Badge tone="danger">Failing</Badge>}
            <span className="font-mono text-xs font-normal text-muted">{readiness.store.kind}</span>
          </span>
        ) : (
          <Skeleton className="h-6 w-20" />
        )}
      </Stat>
      <Stat label="Topics" numeric title={internalCount > 0 ? `${internalCount} internal topics not counted` : undefined}>
        {userTopics ? formatCount(userTopics.length) : (pending ?? <Skeleton className="h-6 w-10" />)}
      </Stat>
      <Stat label="Consumer groups" numeric>
        {groups ? formatCount(groups.length) : (pending ?? <Skeleton className="h-6 w-10" />)}
      </Stat>
      <Stat label="Messages" numeric title="Sum of high minus low watermarks over non-internal topics">
        {userTopics ? formatInt64(sumInt64(userTopics.map((topic) => topic.messages))) : (pending ?? <Skeleton className="h-6 w-20" />)}
      </Stat>
    </StatGrid>
  );
}
