"use client";
// Every indexed DLQ of a cluster, most pending first: where an operator starts when they know what they came for.
import { useDlqs } from "@/lib/query/dlqs";
import { LiveQueryAlert } from "@/components/console/live-query-alert";
import { PageHeader } from "@/components/console/page-header";
import { DlqTopicsPanel } from "@/components/overview/dlq-topics-panel";
import { UpdatedAgo } from "@/components/ui/updated-ago";
import { IndexerStatusAlert } from "./indexer-status-alert";

export function DlqsView({ cluster }: { cluster: string }) {
  const dlqs = useDlqs(cluster);
  const failure = dlqs.error ?? dlqs.failureReason;
  return (
    <>
      <PageHeader
        title="Dead-letter queues"
        aside={<UpdatedAgo updatedAt={dlqs.dataUpdatedAt} fetching={dlqs.isFetching} stale={Boolean(failure)} />}
      />
      {failure ? <LiveQueryAlert error={failure} cluster={cluster} subject="the DLQ index" hasData={Boolean(dlqs.data)} /> : null}
      <IndexerStatusAlert cluster={cluster} />
      <DlqTopicsPanel cluster={cluster} dlqs={dlqs.data} unavailable={Boolean(failure)} />
    </>
  );
}
