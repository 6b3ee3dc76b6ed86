"use client";
// The DLQ page: totals, failure groups beside a live, virtualised message table, with status tabs and filters kept
// in the URL so a link reopens the same view. Operators also start bulk jobs here: on a failure group, on everything
// matching the filters, or on rows picked in the table.
import Link from "next/link";
import { useCallback, useMemo, useRef, useState } from "react";
import { hrefs } from "@/lib/contract/hrefs";
import type { FailureGroup } from "@/lib/contract/schemas";
import { useDlqSummary, useFailureGroup, useFailureGroupPages } from "@/lib/query/dlqs";
import { useMe } from "@/lib/query/me";
import { RequestError } from "@/lib/query/request-error";
import { Breadcrumb } from "@/components/console/breadcrumb";
import { LiveQueryAlert } from "@/components/console/live-query-alert";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { ErrorAlert } from "@/components/ui/error-alert";
import { LoadingTable } from "@/components/ui/loading-table";
import { NotFoundState } from "@/components/ui/not-found-state";
import { linkClass } from "@/components/ui/table-styles";
import { UpdatedAgo } from "@/components/ui/updated-ago";
import { useUrlQueryState } from "@/components/ui/use-url-query-state";
import { BulkJobDialog, type BulkAction } from "@/components/jobs/bulk-job-dialog";
import type { BulkSelection } from "@/components/jobs/describe-selection";
import { BulkActionsBar } from "./bulk-actions-bar";
import { DlqFilters } from "./dlq-filters";
import { DlqInflowChart } from "./dlq-inflow-chart";
import {
  clearNarrowingFilters,
  hasNarrowingFilters,
  readDlqListParams,
  toJobFilter,
  toMessageFilter,
  writeDlqListParams,
  type DlqListParams,
} from "./dlq-list-params";
import { DlqMessagesEmpty } from "./dlq-messages-empty";
import { DlqStatusTabs } from "./dlq-status-tabs";
import { DlqSummaryStats } from "./dlq-summary-stats";
import { failureGroupLabel } from "./failure-group-label";
import { FailureGroupsPanel } from "./failure-groups-panel";
import { ForgetDlqButton } from "./forget-dlq-button";
import { GroupJobButtons } from "./group-job-buttons";
import { MessagesTable } from "./messages-table";
import { useDlqMessages } from "./use-dlq-messages";
import { useRowPicking } from "./use-row-picking";
import { IndexerStatusAlert } from "./indexer-status-alert";

const MESSAGES_ID = "dlq-messages";

type BulkRequest = { selection: BulkSelection; action: BulkAction; groupLabel?: string };

export function DlqView({ cluster, topic }: { cluster: string; topic: string }) {
  const summaryQuery = useDlqSummary(cluster, topic);
  const groupsQuery = useFailureGroupPages(cluster, topic);
  const [params, setParams] = useUrlQueryState(readDlqListParams, writeDlqListParams);
  // The chosen group may be further down than the pages loaded so far: it is read on its own to name it.
  const chosenQuery = useFailureGroup(cluster, topic, params.fingerprint);
  const groups = useMemo(() => groupsQuery.data && uniqueGroups(groupsQuery.data.pages.flatMap((page) => page.groups)), [groupsQuery.data]);
  const filter = useMemo(() => toMessageFilter(params), [params]);
  const list = useDlqMessages(cluster, topic, filter);
  const searchRef = useRef<HTMLInputElement>(null);
  const { data: me } = useMe();
  // Only a hint: the jobs API checks the role itself.
  const canAct = me !== undefined && me.user.role !== "viewer";
  const picking = useRowPicking(JSON.stringify(filter), list.messages);
  const [bulk, setBulk] = useState<BulkRequest | null>(null);

  const update = (patch: Partial<DlqListParams>) => setParams({ ...params, ...patch });
  const clearFilters = () => setParams(clearNarrowingFilters(params));
  const focusSearch = useCallback(() => {
    searchRef.current?.focus();
    searchRef.current?.select();
  }, []);

  const summaryFailure = summaryQuery.error ?? summaryQuery.failureReason;
  if (summaryFailure instanceof RequestError && summaryFailure.isNotFound) {
    return (
      <NotFoundState
        title={
          <>
            No records of <span className="font-mono">{topic}</span> have been indexed as a DLQ on cluster{" "}
            <span className="font-mono">{cluster}</span>
          </>
        }
        backHref={hrefs.overview(cluster)}
        backLabel="Back to the overview"
      />
    );
  }

  const summary = summaryQuery.data;
  const groupsFailure = groupsQuery.error ?? groupsQuery.failureReason;
  const listFailure = list.error;
  const badRequest = listFailure instanceof RequestError && listFailure.status === 400 ? listFailure : null;
  const liveFailure = summaryFailure ?? groupsFailure ?? (badRequest ? null : listFailure);
  const chosenGroup = params.fingerprint ? (chosenQuery.data ?? groups?.find((g) => g.fingerprint === params.fingerprint)) : undefined;
  const labelOf = (fingerprint: string | undefined) =>
    fingerprint && chosenGroup?.fingerprint === fingerprint ? failureGroupLabel(chosenGroup) : undefined;
  const groupActions = (group: FailureGroup) => (
    <GroupJobButtons
      onStart={(action) =>
        setBulk({ selection: { kind: "filter", filter: { fingerprint: group.fingerprint } }, action, groupLabel: failureGroupLabel(group) })
      }
    />
  );

  return (
    <>
      <PageHeader
        title={topic}
        eyebrow={<Breadcrumb href={hrefs.dlqs(cluster)} label="Dead-letter queues" />}
        badges={
          <Badge tone="dlq" title="Dead-letter topic (matches REDRIVE_DLQ_PATTERN)">
            DLQ
          </Badge>
        }
        aside={
          <>
            <Link href={hrefs.jobs({ cluster, topic })} className={`${linkClass} text-xs`}>
              Jobs
            </Link>
            <Link href={hrefs.topic(cluster, topic)} className={`${linkClass} text-xs`}>
              Kafka topic
            </Link>
            <UpdatedAgo updatedAt={list.updatedAt} fetching={list.isFetching} stale={Boolean(liveFailure)} />
            {me?.user.role === "admin" && summary ? <ForgetDlqButton cluster={cluster} topic={topic} summary={summary} /> : null}
          </>
        }
      />
      {liveFailure ? <LiveQueryAlert error={liveFailure} cluster={cluster} subject="this DLQ" hasData={Boolean(summary)} /> : null}
      <IndexerStatusAlert cluster={cluster} />
      <DlqSummaryStats summary={summary} groupCount={groupsQuery.data?.pages[0]?.total} />
      <DlqInflowChart cluster={cluster} topic={topic} />
      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,18rem)_minmax(0,1fr)] 2xl:grid-cols-[minmax(0,24rem)_minmax(0,1fr)]">
        <FailureGroupsPanel
          groups={groups}
          total={groupsQuery.data?.pages.at(-1)?.total}
          hasNextPage={groupsQuery.hasNextPage}
          isFetchingNextPage={groupsQuery.isFetchingNextPage}
          fetchNextPage={groupsQuery.fetchNextPage}
          unavailable={Boolean(groupsFailure)}
          selected={params.fingerprint}
          onSelect={(fingerprint) => update({ fingerprint })}
          actions={canAct ? groupActions : undefined}
        />
        <section aria-labelledby={`${MESSAGES_ID}-title`} className="flex min-w-0 flex-col gap-3">
          <div className="flex min-h-7 flex-wrap items-center justify-between gap-2">
            <h2 id={`${MESSAGES_ID}-title`} className="text-sm font-semibold">
              Messages
            </h2>
            <p className="text-xs text-muted max-sm:hidden">
              <kbd className="font-mono">j</kbd>/<kbd className="font-mono">k</kbd> move · <kbd className="font-mono">Enter</kbd> open ·{" "}
              <kbd className="font-mono">/</kbd> search
              {canAct ? (
                <>
                  {" "}
                  · <kbd className="font-mono">Space</kbd> pick
                </>
              ) : null}
            </p>
          </div>
          <DlqStatusTabs summary={summary} value={params.status} onChange={(status) => update({ status })} controls={MESSAGES_ID} />
          <DlqFilters
            params={params}
            groups={groups}
            chosenGroup={chosenGroup}
            onChange={update}
            onClear={clearFilters}
            searchRef={searchRef}
          />
          {canAct ? (
            <BulkActionsBar
              picked={picking.picked.size}
              onMatching={(action) =>
                setBulk({ selection: { kind: "filter", filter: toJobFilter(params) }, action, groupLabel: labelOf(params.fingerprint) })
              }
              onPicked={(action) => setBulk({ selection: { kind: "messages", messages: [...picking.picked.values()] }, action })}
              onClearPicked={picking.clear}
            />
          ) : null}
          {badRequest ? <ErrorAlert>{badRequest.message}</ErrorAlert> : null}
          <div id={MESSAGES_ID} role="tabpanel" aria-label="Messages">
            {list.isLoading ? (
              <LoadingTable
                label="Messages"
                columns={[
                  { label: "Offset", numeric: true },
                  { label: "Partition", numeric: true },
                  { label: "Time" },
                  { label: "Key" },
                  { label: "Failure" },
                  { label: "Status" },
                ]}
                rows={8}
              />
            ) : listFailure && list.messages.length === 0 ? null : (
              <MessagesTable
                cluster={cluster}
                topic={topic}
                messages={list.messages}
                hasNextPage={list.hasNextPage}
                isFetchingNextPage={list.isFetchingNextPage}
                fetchNextPage={list.fetchNextPage}
                onSearch={focusSearch}
                busy={list.isStale}
                picking={canAct ? picking : undefined}
                empty={
                  <DlqMessagesEmpty
                    summary={summary}
                    status={params.status}
                    filtered={hasNarrowingFilters(params)}
                    onClearFilters={clearFilters}
                    onShowAll={() => update({ status: "all" })}
                  />
                }
              />
            )}
          </div>
        </section>
      </div>
      {bulk ? (
        <BulkJobDialog
          cluster={cluster}
          topic={topic}
          selection={bulk.selection}
          initialAction={bulk.action}
          groupLabel={bulk.groupLabel}
          onCancel={() => setBulk(null)}
        />
      ) : null}
    </>
  );
}

/** Pages are polled one after another, so a group seen again between two reads can be on two of them: keep its first. */
function uniqueGroups(groups: FailureGroup[]): FailureGroup[] {
  const seen = new Set<string>();
  return groups.filter((group) => {
    if (seen.has(group.fingerprint)) return false;
    seen.add(group.fingerprint);
    return true;
  });
}
