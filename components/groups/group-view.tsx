"use client";
// One consumer group: state, members and their assignments, and per-partition offsets and lag.
import { hrefs } from "@/lib/contract/hrefs";
import { useGroup } from "@/lib/query/groups";
import { RequestError } from "@/lib/query/request-error";
import { formatCount } from "@/components/format/int64";
import { Breadcrumb } from "@/components/console/breadcrumb";
import { LiveQueryAlert } from "@/components/console/live-query-alert";
import { PageHeader } from "@/components/console/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Int64Text } from "@/components/ui/int64-text";
import { LoadingTable } from "@/components/ui/loading-table";
import { NotFoundState } from "@/components/ui/not-found-state";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import { StatGrid } from "@/components/ui/stat-grid";
import { TableContainer } from "@/components/ui/table-container";
import { UpdatedAgo } from "@/components/ui/updated-ago";
import { GroupLagChart } from "./group-lag-chart";
import { GroupStateBadge } from "./group-state-badge";
import { MembersTable } from "./members-table";
import { OffsetsTable } from "./offsets-table";

export function GroupView({ cluster, group }: { cluster: string; group: string }) {
  const groupQuery = useGroup(cluster, group);
  const failure = groupQuery.error ?? groupQuery.failureReason;

  if (failure instanceof RequestError && failure.isNotFound) {
    return (
      <NotFoundState
        title={
          <>
            Consumer group <span className="font-mono">{group}</span> does not exist on cluster <span className="font-mono">{cluster}</span>
          </>
        }
        backHref={hrefs.groups(cluster)}
        backLabel="Back to consumer groups"
      />
    );
  }

  const details = groupQuery.data;
  const loading = <Skeleton className="h-6 w-12" />;

  return (
    <>
      <PageHeader
        title={group}
        eyebrow={<Breadcrumb href={hrefs.groups(cluster)} label="Consumer groups" />}
        badges={details ? <GroupStateBadge state={details.state} /> : null}
        aside={<UpdatedAgo updatedAt={groupQuery.dataUpdatedAt} fetching={groupQuery.isFetching} stale={Boolean(failure)} />}
      />
      {failure ? <LiveQueryAlert error={failure} cluster={cluster} subject="this group" hasData={Boolean(details)} /> : null}
      {details || !failure ? (
        <>
          <StatGrid label="Group summary">
            <Stat label="State">{details ? details.state : loading}</Stat>
            <Stat label="Members" numeric>
              {details ? formatCount(details.members.length) : loading}
            </Stat>
            <Stat label="Total lag" numeric>
              {details ? <Int64Text value={details.totalLag} nullTitle="No committed offset" /> : loading}
            </Stat>
            <Stat label="Topics" numeric>
              {details ? formatCount(details.topics.length) : loading}
            </Stat>
            <Stat label="Protocol type" title={details?.protocolType}>
              {details ? details.protocolType || "—" : loading}
            </Stat>
            <Stat label="Assignor" title={details?.protocol}>
              {details ? details.protocol || "—" : loading}
            </Stat>
          </StatGrid>
          <GroupLagChart cluster={cluster} group={group} />
          <Panel title="Members">
            {!details ? (
              <LoadingTable
                label="Members"
                columns={[{ label: "Member ID" }, { label: "Client ID" }, { label: "Host" }, { label: "Assignments" }]}
                rows={2}
              />
            ) : details.members.length === 0 ? (
              <TableContainer>
                <EmptyState title="No active members">
                  No consumer is connected to this group right now. Its committed offsets are kept, and lag grows until a consumer joins
                  again.
                </EmptyState>
              </TableContainer>
            ) : (
              <MembersTable members={details.members} />
            )}
          </Panel>
          <Panel title="Offsets">
            {!details ? (
              <LoadingTable
                label="Offsets"
                columns={[
                  { label: "Topic" },
                  { label: "Partition", numeric: true },
                  { label: "Committed", numeric: true },
                  { label: "Log end", numeric: true },
                  { label: "Lag", numeric: true },
                ]}
                rows={3}
              />
            ) : details.offsets.length === 0 ? (
              <TableContainer>
                <EmptyState title="No committed offsets">This group has not committed an offset on any topic.</EmptyState>
              </TableContainer>
            ) : (
              <OffsetsTable cluster={cluster} offsets={details.offsets} />
            )}
          </Panel>
        </>
      ) : null}
    </>
  );
}
