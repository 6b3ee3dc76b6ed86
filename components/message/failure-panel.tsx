// Why the record is here, shown first: exception, message, stack trace, and where it came from.
import Link from "next/link";
import type { ReactNode } from "react";
import { hrefs } from "@/lib/contract/hrefs";
import type { Failure } from "@/lib/contract/schemas";
import { formatInt64 } from "@/components/format/int64";
import { formatUtc } from "@/components/format/relative-time";
import { warnNoticeClass } from "@/components/ui/notice-styles";
import { linkClass } from "@/components/ui/table-styles";

const CONVENTION_LABEL: Record<Failure["convention"], string> = {
  "spring-dlt": "Spring Kafka DLT",
  "spring-retry": "Spring retry topics",
  "spring-cloud-stream": "Spring Cloud Stream",
  connect: "Kafka Connect",
  streams: "Kafka Streams",
  karafka: "Karafka",
  smallrye: "SmallRye",
  generic: "Generic headers",
  custom: "Custom mapping",
  unknown: "Not recognised",
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

const unknown = <span className="text-muted">—</span>;

export function FailurePanel({ cluster, topic, failure }: { cluster: string; topic: string; failure: Failure }) {
  const ms = failure.originalTimestamp ? Date.parse(failure.originalTimestamp) : NaN;
  return (
    <section aria-labelledby="failure-heading" className="flex flex-col gap-3 rounded-lg border border-danger/40 bg-surface p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="failure-heading" className="text-sm font-semibold">
          Failure
        </h2>
        <span className="text-xs text-muted">Headers: {CONVENTION_LABEL[failure.convention]}</span>
      </div>
      {failure.unparsedReason !== null ? (
        // The record is listed and kept byte for byte, but without a failure read from its headers: say why.
        <p role="note" aria-label="Stored unparsed" className={warnNoticeClass}>
          Stored unparsed: {failure.unparsedReason}. Its bytes are kept as they came, where the store could hold them.
        </p>
      ) : null}
      <div className="flex min-w-0 flex-col gap-1">
        <p aria-label="Exception" className="font-mono text-sm font-semibold break-all text-danger">
          {failure.exceptionClass ?? (failure.convention === "unknown" ? "Unknown failure" : "No exception class recorded")}
        </p>
        {failure.message !== null ? (
          <p aria-label="Failure message" className="font-mono text-sm whitespace-pre-wrap [overflow-wrap:anywhere]">
            {failure.message}
          </p>
        ) : (
          <p className="text-muted">No failure message recorded.</p>
        )}
        {failure.causeClass ? (
          <p className="text-xs text-muted">
            Caused by <span className="font-mono break-all text-fg">{failure.causeClass}</span>
          </p>
        ) : null}
      </div>
      {failure.stacktrace ? (
        <details className="group rounded-md border border-border">
          <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium text-muted select-none hover:text-fg">
            Stack trace <span className="font-normal">({failure.stacktrace.split("\n").length} lines)</span>
          </summary>
          <pre
            aria-label="Stack trace"
            tabIndex={0}
            className="max-h-[28rem] overflow-auto border-t border-border bg-surface-2/50 p-3 font-mono text-xs leading-5 whitespace-pre"
          >
            {failure.stacktrace}
          </pre>
        </details>
      ) : null}
      <dl aria-label="Origin" className="grid grid-cols-2 gap-x-4 gap-y-3 border-t border-border pt-3 sm:grid-cols-3">
        <Field label="Original topic">
          {failure.originalTopic ? (
            <Link href={hrefs.topic(cluster, failure.originalTopic)} className={`${linkClass} font-mono`}>
              {failure.originalTopic}
            </Link>
          ) : (
            unknown
          )}
        </Field>
        <Field label="Partition">
          <span className="font-mono tabular-nums">{failure.originalPartition ?? unknown}</span>
        </Field>
        <Field label="Offset">
          <span className="font-mono tabular-nums">{failure.originalOffset !== null ? formatInt64(failure.originalOffset) : unknown}</span>
        </Field>
        <Field label="Original time">
          {Number.isNaN(ms) ? (
            unknown
          ) : (
            <time dateTime={failure.originalTimestamp!} className="font-mono text-xs">
              {formatUtc(ms)}
            </time>
          )}
        </Field>
        <Field label="Consumer group">
          {failure.consumerGroup ? (
            <Link href={hrefs.group(cluster, failure.consumerGroup)} className={`${linkClass} font-mono`}>
              {failure.consumerGroup}
            </Link>
          ) : (
            unknown
          )}
        </Field>
        <Field label="Attempts">
          <span className="font-mono tabular-nums">{failure.attempts ?? unknown}</span>
        </Field>
      </dl>
      <p className="text-xs text-muted">
        <Link href={hrefs.dlq(cluster, topic, { fingerprint: failure.fingerprint })} className={linkClass}>
          Messages with the same failure
        </Link>{" "}
        <span className="font-mono">({failure.fingerprint.slice(0, 12)})</span>
      </p>
    </section>
  );
}
