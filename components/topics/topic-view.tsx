"use client";
// One topic: summary, partitions with offsets and replica health, and the consumer groups reading it.
import Link from "next/link";
import { hrefs } from "@/lib/contract/hrefs";
import { useTopic } from "@/lib/query/topics";
import { formatCount, formatInt64 } from "@/components/format/int64";
import { Breadcrumb } from "@/components/console/breadcrumb";
import { LiveQueryAlert } from "@/components/console/live-query-alert";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/table-styles";
import { LoadingTable } from "@/components/ui/loading-table";
import { NotFoundState } from "@/components/ui/not-found-state";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import { StatGrid } from "@/components/ui/stat-grid";
import { UpdatedAgo } from "@/components/ui/updated-ago";
import { RequestError } from "@/lib/query/request-error";
import { countUnderReplicated } from "./partition-health";
import { PartitionsTable } from "./partitions-table";
import { TopicGroupsTable } from "./topic-groups-table";

export function TopicView({ cluster, topic }: { cluster: string; topic: string }) {
  const topicQuery = useTopic(cluster, topic);
  const failure = topicQuery.error ?? topicQuery.failureReason;

  if (failure instanceof RequestError && failure.isNotFound) {
    return (
      <NotFoundState
        title={
          <>
            Topic <span className="font-mono">{topic}</span> does not exist on cluster <span className="font-mono">{cluster}</span>
          </>
        }
        backHref={hrefs.topics(cluster)}
        backLabel="Back to topics"
      />
    );
  }

  const details = topicQuery.data;
  const underReplicated = details ? countUnderReplicated(details.partitions) : 0;

  return (
    <>
      <PageHeader
        title={topic}
        eyebrow={<Breadcrumb href={hrefs.topics(cluster)} label="Topics" />}
        badges={
          <>
            {details?.isDlq ? (
              <Badge tone="dlq" title="Dead-letter topic (matches REDRIVE_DLQ_PATTERN)">
                DLQ
              </Badge>
            ) : null}
            {details?.isInternal ? (
              <Badge tone="neutral" title="Kafka internal topic">
                internal
              </Badge>
            ) : null}
          </>
        }
        aside={<UpdatedAgo updatedAt={topicQuery.dataUpdatedAt} fetching={topicQuery.isFetching} stale={Boolean(failure)} />}
      />
      {failure ? <LiveQueryAlert error={failure} cluster={cluster} subject="this topic" hasData={Boolean(details)} /> : null}
      {details || !failure ? (
        <>
          <StatGrid label="Topic summary">
            <Stat label="Partitions" numeric>
              {details ? formatCount(details.partitions.length) : <Skeleton className="h-6 w-10" />}
            </Stat>
            <Stat label="Replication factor" numeric>
              {details ? formatCount(details.replicationFactor) : <Skeleton className="h-6 w-10" />}
            </Stat>
            <Stat
              label="Messages"
              numeric
              title="High minus low watermark, summed over the partitions: transaction markers and records compacted away count too"
            >
              {details ? formatInt64(details.messages) : <Skeleton className="h-6 w-20" />}
            </Stat>
            <Stat label="Under-replicated">
              {details ? (
                underReplicated > 0 ? (
                  <span className="text-warn">
                    {formatCount(underReplicated)} {underReplicated === 1 ? "partition" : "partitions"}
                  </span>
                ) : (
                  <span className="text-ok">None</span>
                )
              ) : (
                <Skeleton className="h-6 w-12" />
              )}
            </Stat>
            <Stat label="Consumer groups" numeric>
              {details ? formatCount(details.groups.length) : <Skeleton className="h-6 w-10" />}
            </Stat>
            <Stat label="Dead-letter topic">
              {details ? (
                details.isDlq ? (
                  <Link href={hrefs.dlq(cluster, topic)} className={linkClass}>
                    Yes — triage
                  </Link>
                ) : (
                  "No"
                )
              ) : (
                <Skeleton className="h-6 w-10" />
              )}
            </Stat>
          </StatGrid>
          <Panel title="Partitions">
            {details ? (
              <PartitionsTable partitions={details.partitions} />
            ) : (
              <LoadingTable
                label="Partitions"
                columns={[
                  { label: "Partition", numeric: true },
                  { label: "Leader", numeric: true },
                  { label: "Replicas" },
                  { label: "ISR" },
                  { label: "Low", numeric: true },
                  { label: "High", numeric: true },
                  { label: "Messages", numeric: true },
                ]}
                rows={3}
              />
            )}
          </Panel>
          <Panel title="Consumer groups">
            {details ? (
              <TopicGroupsTable cluster={cluster} groups={details.groups} />
            ) : (
              <LoadingTable
                label="Consumer groups"
                columns={[{ label: "Group" }, { label: "State" }, { label: "Lag", numeric: true }]}
                rows={2}
              />
            )}
          </Panel>
        </>
      ) : null}
    </>
  );
}
