"use client";
// The Topics page: search, internal-topic filter and sort (all kept in the URL) over the live topic list.
import { useDeferredValue, useMemo } from "react";
import { useTopics } from "@/lib/query/topics";
import { formatCount } from "@/components/format/int64";
import { LiveQueryAlert } from "@/components/console/live-query-alert";
import { PageHeader } from "@/components/console/page-header";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingTable } from "@/components/ui/loading-table";
import { SearchInput } from "@/components/ui/search-input";
import { UpdatedAgo } from "@/components/ui/updated-ago";
import { useUrlQueryState } from "@/components/ui/use-url-query-state";
import { TopicsTable } from "./topics-table";
import { defaultDirection, filterAndSortTopics, readTopicListParams, writeTopicListParams, type TopicSortKey } from "./topic-list-params";

export function TopicsView({ cluster }: { cluster: string }) {
  const topicsQuery = useTopics(cluster);
  const [params, setParams] = useUrlQueryState(readTopicListParams, writeTopicListParams);
  // Filtering and sorting 10,000 rows runs deferred, so typing in the search box never waits for it.
  const deferredParams = useDeferredValue(params);

  const topics = topicsQuery.data;
  const visible = useMemo(() => (topics ? filterAndSortTopics(topics, deferredParams) : []), [topics, deferredParams]);
  const internalCount = useMemo(() => topics?.filter((topic) => topic.isInternal).length ?? 0, [topics]);
  const total = topics ? topics.length - (params.showInternal ? 0 : internalCount) : 0;
  const failure = topicsQuery.error ?? topicsQuery.failureReason;

  function sortBy(key: TopicSortKey) {
    const direction = params.sort === key ? (params.direction === "asc" ? "desc" : "asc") : defaultDirection(key);
    setParams({ ...params, sort: key, direction });
  }

  return (
    <>
      <PageHeader
        title="Topics"
        aside={<UpdatedAgo updatedAt={topicsQuery.dataUpdatedAt} fetching={topicsQuery.isFetching} stale={Boolean(failure)} />}
      />
      {failure ? <LiveQueryAlert error={failure} cluster={cluster} subject="topics" hasData={Boolean(topics)} /> : null}
      <div className="flex flex-wrap items-center gap-x-5 gap-y-3">
        <SearchInput label="Search topics" value={params.query} onChange={(query) => setParams({ ...params, query })} />
        <Checkbox
          label="Show internal topics"
          checked={params.showInternal}
          onChange={(showInternal) => setParams({ ...params, showInternal })}
        />
        {topics ? (
          <p className="text-xs text-muted sm:ml-auto">
            {visible.length === total ? `${formatCount(total)} topics` : `${formatCount(visible.length)} of ${formatCount(total)} topics`}
            {!params.showInternal && internalCount > 0 ? ` · ${formatCount(internalCount)} internal hidden` : ""}
          </p>
        ) : null}
      </div>
      {topics ? (
        <TopicsTable
          cluster={cluster}
          topics={visible}
          sort={params.sort}
          direction={params.direction}
          onSort={sortBy}
          empty={
            total === 0 ? (
              <EmptyState title="No topics on this cluster">
                {internalCount > 0
                  ? "Only internal topics exist; tick “Show internal topics” to see them."
                  : "Topics appear here as soon as they are created."}
              </EmptyState>
            ) : (
              <EmptyState title="No topics match your search">
                Nothing matches “<span className="[overflow-wrap:anywhere]">{deferredParams.query.trim()}</span>”.
              </EmptyState>
            )
          }
        />
      ) : failure ? null : (
        <LoadingTable
          label="Topics"
          columns={[
            { label: "Name" },
            { label: "Partitions", numeric: true },
            { label: "Replication", numeric: true },
            { label: "Messages", numeric: true },
          ]}
          rows={10}
        />
      )}
    </>
  );
}
