"use client";
// What a job does, as it was started: action, DLQ, which records, where they go, how fast, why, and who and when.
// Reason, note and filter values were typed by people and may hold anything: they are rendered as text.
import Link from "next/link";
import type { ReactNode } from "react";
import { hrefs } from "@/lib/contract/hrefs";
import type { Job } from "@/lib/contract/job-schemas";
import { Panel } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { linkClass } from "@/components/ui/table-styles";
import { describeSelector, selectorDlqQuery } from "./describe-selection";
import { actionLabel, formatRateLimit } from "./job-format";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted">{term}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{children}</dd>
    </>
  );
}

export function JobDefinition({ job, groupLabel }: { job: Job; groupLabel?: string }) {
  const dlqQuery = selectorDlqQuery(job.selector);
  return (
    <Panel title="What it does">
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 rounded-lg border border-border bg-surface px-4 py-3 text-sm">
        <Row term="Action">{actionLabel(job.action)}</Row>
        <Row term="DLQ">
          <Link href={hrefs.dlq(job.cluster, job.topic)} className={`${linkClass} font-mono text-xs`}>
            {job.topic}
          </Link>
          <span className="text-muted"> on {job.cluster}</span>
        </Row>
        <Row term="Selection">
          {describeSelector(job.selector, groupLabel)}
          {dlqQuery ? (
            <>
              {" · "}
              <Link href={hrefs.dlq(job.cluster, job.topic, dlqQuery)} className={linkClass}>
                Show these records
              </Link>
            </>
          ) : null}
          {job.selector.kind === "failed" ? (
            <>
              {" · "}
              <Link href={hrefs.job(job.selector.jobId)} className={linkClass}>
                Open that job
              </Link>
            </>
          ) : null}
          <span className="block text-xs text-muted">Only records still pending when the job reaches them are acted on.</span>
        </Row>
        {job.action === "redeliver" ? (
          <Row term="Target">
            {job.targetTopic === null ? "Each record's original topic" : <span className="font-mono text-xs">{job.targetTopic}</span>}
          </Row>
        ) : null}
        <Row term="Rate limit">{formatRateLimit(job.ratePerSecond)}</Row>
        {job.reason ? <Row term="Reason">{job.reason}</Row> : null}
        {job.note ? <Row term="Note">{job.note}</Row> : null}
        <Row term="Started by">
          {job.createdBy}
          {job.role ? <span className="text-muted"> ({job.role})</span> : null}
        </Row>
        <Row term="Created">
          <RelativeTime iso={job.createdAt} />
        </Row>
        {job.finishedAt ? (
          <Row term="Finished">
            <RelativeTime iso={job.finishedAt} />
          </Row>
        ) : null}
      </dl>
    </Panel>
  );
}
