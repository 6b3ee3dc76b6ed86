"use client";
// The cluster overview: health at a glance, dead-letter topics and the groups falling behind.
import { useBrokers } from "@/lib/query/brokers";
import { useCluster } from "@/lib/query/clusters";
import { useDlqs } from "@/lib/query/dlqs";
import { useGroups } from "@/lib/query/groups";
import { useReadiness } from "@/lib/query/readiness";
import { useTopics } from "@/lib/query/topics";
import { LiveQueryAlert } from "@/components/console/live-query-alert";
import { PageHeader } from "@/components/console/page-header";
import { UpdatedAgo } from "@/components/ui/updated-ago";
import { BrokersPanel } from "./brokers-panel";
import { DlqTopicsPanel } from "./dlq-topics-panel";
import { HealthStats } from "./health-stats";
import { LaggingGroupsPanel } from "./lagging-groups-panel";
import { IndexerStatusAlert } from "@/components/dlq/indexer-status-alert";

export function ClusterOverview({ cluster }: { cluster: string }) {
  const { cluster: clusterInfo } = useCluster(cluster);
  const readinessQuery = useReadiness();
  const topicsQuery = useTopics(cluster);
  const groupsQuery = useGroups(cluster);
  const dlqsQuery = useDlqs(cluster);
  const brokersQuery = useBrokers(cluster);

  const failure = topicsQuery.error ?? topicsQuery.failureReason ?? groupsQuery.error ?? groupsQuery.failureReason;
  // The page is as fresh as its oldest live read.
  const updatedTimes = [topicsQuery.dataUpdatedAt, groupsQuery.dataUpdatedAt];
  const updatedAt = updatedTimes.includes(0) ? 0 : Math.min(...updatedTimes);

  return (
    <>
      <PageHeader
        title="Overview"
        aside={<UpdatedAgo updatedAt={updatedAt} fetching={topicsQuery.isFetching || groupsQuery.isFetching} stale={Boolean(failure)} />}
      />
      {failure ? (
        <LiveQueryAlert error={failure} cluster={cluster} subject="the cluster" hasData={Boolean(topicsQuery.data || groupsQuery.data)} />
      ) : null}
      <HealthStats
        brokers={clusterInfo?.brokers}
        readiness={readinessQuery.data}
        topics={topicsQuery.data}
        groups={groupsQuery.data}
        unavailable={Boolean(failure)}
      />
      <IndexerStatusAlert cluster={cluster} />
      <div className="grid gap-5 lg:grid-cols-2">
        <DlqTopicsPanel cluster={cluster} dlqs={dlqsQuery.data} unavailable={Boolean(dlqsQuery.error ?? dlqsQuery.failureReason)} />
        <LaggingGroupsPanel
          cluster={cluster}
          groups={groupsQuery.data}
          unavailable={Boolean(groupsQuery.error ?? groupsQuery.failureReason)}
        />
        <BrokersPanel
          cluster={cluster}
          brokers={brokersQuery.data}
          unavailable={Boolean(brokersQuery.error ?? brokersQuery.failureReason)}
        />
      </div>
    </>
  );
}
