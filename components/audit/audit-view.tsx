"use client";
// The audit page (operator and admin): every recorded action, newest first, filtered by actor, action, cluster, topic
// and time (kept in the URL), with CSV/JSONL export of the same filter and a check of the hash chain.
import { useCallback } from "react";
import type { AuditFilterParams } from "@/lib/contract/audit-schemas";
import { auditExportHref, useAuditLog, useVerifyAudit } from "@/lib/query/audit";
import { useMe } from "@/lib/query/me";
import { RequestError } from "@/lib/query/request-error";
import { ClusterFilterField } from "@/components/console/cluster-filter-field";
import { PageHeader } from "@/components/console/page-header";
import { ForbiddenState } from "@/components/auth/forbidden-state";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorAlert } from "@/components/ui/error-alert";
import { LoadingTable } from "@/components/ui/loading-table";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useUrlQueryState } from "@/components/ui/use-url-query-state";
import { UtcTimeField } from "@/components/ui/utc-time-field";
import { AuditTable } from "./audit-table";

const ACTIONS = [
  "message.redeliver",
  "message.redeliver_failed",
  "message.discard",
  "dlq.forget",
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_rate_limited",
  "auth.sign_out",
  "auth.sign_out_everywhere",
  "user.create",
  "user.update",
  "token.create",
  "token.revoke",
];
const errorText = (error: unknown) => (error instanceof RequestError ? error.message : "the server did not answer");
const COLUMNS = ["Seq", "Time", "Actor", "Action", "Cluster", "Record", "Target", "Details"].map((label) => ({ label }));
const FIELDS = ["actor", "action", "cluster", "topic", "from", "to"] as const;

const readFilter = (params: URLSearchParams): AuditFilterParams =>
  Object.fromEntries(FIELDS.flatMap((f) => (params.get(f) ? [[f, params.get(f)!]] : [])));
const writeFilter = (filter: AuditFilterParams) =>
  new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));

export function AuditView() {
  const { data: me } = useMe();
  const [filter, setFilter] = useUrlQueryState(readFilter, writeFilter);
  const change = useCallback((patch: Partial<AuditFilterParams>) => setFilter({ ...filter, ...patch }), [filter, setFilter]);
  const log = useAuditLog(filter);
  const verify = useVerifyAudit();

  if (me && me.user.role === "viewer") {
    return <ForbiddenState title="You need the operator role to see the audit log">An admin can change your role.</ForbiddenState>;
  }
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];
  const verdict = verify.data;

  return (
    <>
      <PageHeader
        title="Audit log"
        aside={
          <div className="flex flex-wrap items-center gap-2">
            <Button size="sm" onClick={() => verify.mutate()} disabled={verify.isPending}>
              {verify.isPending ? "Verifying…" : "Verify chain"}
            </Button>
            <a className="text-sm text-accent underline-offset-2 hover:underline" href={auditExportHref(filter, "csv")} download>
              Export CSV
            </a>
            <a className="text-sm text-accent underline-offset-2 hover:underline" href={auditExportHref(filter, "jsonl")} download>
              Export JSONL
            </a>
          </div>
        }
      />
      {verdict ? (
        <p role="status" className={verdict.ok ? "text-sm text-ok" : "text-sm font-medium text-danger"}>
          {verdict.ok
            ? `Chain intact: ${verdict.entries.toLocaleString("en")} entries, head ${verdict.head.slice(0, 16)}…`
            : `Chain BROKEN at sequence ${verdict.firstBadSeq} (of ${verdict.entries.toLocaleString("en")} entries): that entry or its link was changed.`}
        </p>
      ) : verify.error ? (
        <ErrorAlert>Could not verify the chain: {errorText(verify.error)}</ErrorAlert>
      ) : null}
      <div className="grid grid-cols-2 items-end gap-3 md:grid-cols-3 xl:grid-cols-6">
        <TextField label="Actor" value={filter.actor ?? ""} onChange={(e) => change({ actor: e.target.value })} placeholder="Any actor" />
        <SelectField
          label="Action"
          value={filter.action ?? ""}
          onChange={(e) => change({ action: e.target.value })}
          options={[
            { value: "", label: "Any action" },
            ...[...new Set([...ACTIONS, ...(filter.action ? [filter.action] : [])])].map((a) => ({ value: a, label: a })),
          ]}
        />
        <ClusterFilterField value={filter.cluster} onChange={(cluster) => change({ cluster })} />
        <TextField label="Topic" value={filter.topic ?? ""} onChange={(e) => change({ topic: e.target.value })} placeholder="Any topic" />
        <UtcTimeField label="From (UTC)" value={filter.from ?? ""} onChange={(from) => change({ from })} />
        <UtcTimeField label="To (UTC)" value={filter.to ?? ""} onChange={(to) => change({ to })} />
      </div>
      {log.error ? <ErrorAlert>Could not read the audit log: {errorText(log.error)}</ErrorAlert> : null}
      {log.data ? (
        entries.length > 0 ? (
          <>
            <AuditTable entries={entries} />
            {log.hasNextPage ? (
              <Button className="self-start" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
                {log.isFetchingNextPage ? "Loading…" : "Load older entries"}
              </Button>
            ) : (
              <p className="text-xs text-muted">All {entries.length.toLocaleString("en")} matching entries shown.</p>
            )}
          </>
        ) : (
          <div className="rounded-lg border border-border bg-surface">
            <EmptyState title="No audit entries match">Change or clear the filters.</EmptyState>
          </div>
        )
      ) : log.error ? null : (
        <LoadingTable label="Audit log" columns={COLUMNS} />
      )}
    </>
  );
}
