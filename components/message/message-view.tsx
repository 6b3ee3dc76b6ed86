"use client";
// One DLQ message in full: the failure first, then the record's key, value, headers and history.
import { useQuery } from "@tanstack/react-query";
import { hrefs } from "@/lib/contract/hrefs";
import { dlqMessageQuery, dlqMessageValuePath } from "@/lib/query/dlqs";
import { RequestError } from "@/lib/query/request-error";
import { Breadcrumb } from "@/components/console/breadcrumb";
import { LiveQueryAlert } from "@/components/console/live-query-alert";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { NotFoundState } from "@/components/ui/not-found-state";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { UpdatedAgo } from "@/components/ui/updated-ago";
import { MessageActions } from "./actions/message-actions";
import { FailurePanel } from "./failure-panel";
import { HeadersTable } from "./headers-table";
import { HistoryPanel } from "./history-panel";
import { KeyPanel } from "./key-panel";
import { MessageStatusBadge } from "@/components/ui/message-status-badge";
import { MessageSummary } from "./message-summary";
import { RedriveSourceNote } from "./redrive-source-note";
import { ValuePanel } from "./value-panel";

// A message changes only when someone acts on it, and its value may be megabytes: poll far less than live reads,
// and not at all once the value is too large to come whole (it would bring a MiB each time). Actions taken here
// still refresh it: their mutations invalidate the query.
const MESSAGE_REFETCH_MS = 30_000;
// ...except while Redrive checks whether its redelivery landed: the answer comes within seconds.
const CHECKING_REFETCH_MS = 2_000;

/** `partition` and `offset` as they are in the URL: anything that is not a record's coordinates is "no message". */
export function MessageView({
  cluster,
  topic,
  partition: partitionParam,
  offset,
}: {
  cluster: string;
  topic: string;
  partition: string;
  offset: string;
}) {
  const partition = /^\d{1,10}$/.test(partitionParam) ? Number(partitionParam) : -1;
  const query = useQuery({
    ...dlqMessageQuery(cluster, topic, partition, offset),
    refetchInterval: (q) => {
      if (q.state.data?.delivery === "checking") return CHECKING_REFETCH_MS;
      return q.state.data?.value?.truncated ? false : MESSAGE_REFETCH_MS;
    },
    enabled: partition >= 0,
  });
  const failure = query.error ?? query.failureReason;
  const message = query.data;

  // 400 is an offset that cannot exist (not a number, out of range): the same answer for the operator.
  if (partition < 0 || (failure instanceof RequestError && (failure.isNotFound || failure.status === 400))) {
    return (
      <NotFoundState
        title={
          <>
            No message at partition <span className="font-mono">{partitionParam}</span> offset <span className="font-mono">{offset}</span>{" "}
            in <span className="font-mono">{topic}</span>
          </>
        }
        backHref={hrefs.dlq(cluster, topic)}
        backLabel={`Back to ${topic}`}
      />
    );
  }

  return (
    <>
      <PageHeader
        title={`Partition ${partitionParam} · offset ${offset}`}
        eyebrow={<Breadcrumb href={hrefs.dlq(cluster, topic)} label={topic} />}
        badges={
          message ? (
            <>
              <MessageStatusBadge status={message.status} />
              {message.delivery === "checking" ? <Badge tone="accent">checking whether it landed</Badge> : null}
              {message.redriveSource ? <Badge tone="danger">failed again after redelivery</Badge> : null}
            </>
          ) : null
        }
        aside={<UpdatedAgo updatedAt={query.dataUpdatedAt} fetching={query.isFetching} stale={Boolean(failure)} />}
      />
      {failure ? <LiveQueryAlert error={failure} cluster={cluster} subject="this message" hasData={Boolean(message)} /> : null}
      {message ? (
        <>
          <MessageActions cluster={cluster} message={message} />
          <FailurePanel cluster={cluster} topic={topic} failure={message.failure} />
          {message.redriveSource ? <RedriveSourceNote cluster={cluster} source={message.redriveSource} /> : null}
          <MessageSummary message={message} />
          <KeyPanel recordKey={message.key} />
          <ValuePanel value={message.value} downloadHref={dlqMessageValuePath(cluster, topic, partition, offset)} />
          <Panel title="Headers">
            <HeadersTable headers={message.headers} />
          </Panel>
          <HistoryPanel history={message.history} />
        </>
      ) : failure ? null : (
        <div aria-busy="true" aria-label="Loading message" className="flex flex-col gap-5">
          <div className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4">
            <Skeleton className="h-4 w-24" />
            <Skeleton className="h-5 w-2/3" />
            <Skeleton className="h-4 w-1/2" />
            <Skeleton className="h-12 w-full" />
          </div>
          <MessageSummary message={undefined} />
          <Skeleton className="h-64 w-full" />
        </div>
      )}
    </>
  );
}
