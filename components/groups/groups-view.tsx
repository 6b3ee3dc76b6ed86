"use client";
// The Consumer groups page: live list of groups with total lag, searchable and sortable (state kept in the URL).
import { useDeferredValue, useMemo } from "react";
import { useGroups } from "@/lib/query/groups";
import { formatCount } from "@/components/format/int64";
import { LiveQueryAlert } from "@/components/console/live-query-alert";
import { PageHeader } from "@/components/console/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingTable } from "@/components/ui/loading-table";
import { SearchInput } from "@/components/ui/search-input";
import { UpdatedAgo } from "@/components/ui/updated-ago";
import { useUrlQueryState } from "@/components/ui/use-url-query-state";
import {
  defaultGroupDirection,
  filterAndSortGroups,
  readGroupListParams,
  writeGroupListParams,
  type GroupSortKey,
} from "./group-list-params";
import { GroupsTable } from "./groups-table";

export function GroupsView({ cluster }: { cluster: string }) {
  const groupsQuery = useGroups(cluster);
  const [params, setParams] = useUrlQueryState(readGroupListParams, writeGroupListParams);
  const deferredParams = useDeferredValue(params);

  const groups = groupsQuery.data;
  const visible = useMemo(() => (groups ? filterAndSortGroups(groups, deferredParams) : []), [groups, deferredParams]);
  const failure = groupsQuery.error ?? groupsQuery.failureReason;

  function sortBy(key: GroupSortKey) {
    const direction = params.sort === key ? (params.direction === "asc" ? "desc" : "asc") : defaultGroupDirection(key);
    setParams({ ...params, sort: key, direction });
  }

  return (
    <>
      <PageHeader
        title="Consumer groups"
        aside={<UpdatedAgo updatedAt={groupsQuery.dataUpdatedAt} fetching={groupsQuery.isFetching} stale={Boolean(failure)} />}
      />
      {failure ? <LiveQueryAlert error={failure} cluster={cluster} subject="consumer groups" hasData={Boolean(groups)} /> : null}
      <div className="flex flex-wrap items-center gap-x-5 gap-y-3">
        <SearchInput label="Search groups" value={params.query} onChange={(query) => setParams({ ...params, query })} />
        {groups ? (
          <p className="text-xs text-muted sm:ml-auto">
            {visible.length === groups.length
              ? `${formatCount(groups.length)} groups`
              : `${formatCount(visible.length)} of ${formatCount(groups.length)} groups`}
          </p>
        ) : null}
      </div>
      {groups ? (
        <GroupsTable
          cluster={cluster}
          groups={visible}
          sort={params.sort}
          direction={params.direction}
          onSort={sortBy}
          empty={
            groups.length === 0 ? (
              <EmptyState title="No consumer groups on this cluster">Groups appear here once a consumer joins one.</EmptyState>
            ) : (
              <EmptyState title="No groups match your search">
                Nothing matches “<span className="[overflow-wrap:anywhere]">{deferredParams.query.trim()}</span>”.
              </EmptyState>
            )
          }
        />
      ) : failure ? null : (
        <LoadingTable
          label="Consumer groups"
          columns={[
            { label: "Group" },
            { label: "State" },
            { label: "Members", numeric: true },
            { label: "Topics" },
            { label: "Total lag", numeric: true },
          ]}
          rows={8}
        />
      )}
    </>
  );
}
