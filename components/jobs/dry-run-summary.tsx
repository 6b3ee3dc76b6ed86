"use client";
// The dry run's answer in the bulk dialog: how many pending records the job would act on, where redeliveries would
// go (red where a topic is missing or refused, since those records would fail), and the first few records. Payload
// text is rendered as text.
import clsx from "clsx";
import type { JobDryRun, JobRequest } from "@/lib/contract/job-schemas";
import { formatCount, formatInt64 } from "@/components/format/int64";
import { ErrorAlert } from "@/components/ui/error-alert";
import { tableClass, tdClass, thClass } from "@/components/ui/table-styles";
import { recordCount, resultStatus } from "./job-format";

export type DryRunState = { status: "counting" } | { status: "failed"; message: string } | { status: "answered"; answer: JobDryRun };

export function DryRunSummary({
  state,
  action,
  picked,
  chosenTarget,
}: {
  state: DryRunState;
  action: JobRequest["action"];
  /** How many rows were picked, when the selection is picked rows. */
  picked?: number;
  /** Whether the operator named the target (a missing one is refused at start) rather than each record's own. */
  chosenTarget: boolean;
}) {
  return (
    <section aria-label="Dry run" className="flex flex-col gap-2 rounded-md border border-border bg-surface-2 px-3 py-2">
      <h3 className="text-xs font-medium text-muted">Dry run</h3>
      {state.status === "failed" ? (
        <ErrorAlert>{state.message}</ErrorAlert>
      ) : (
        <p role="status" className="text-sm">
          {state.status === "counting" ? (
            <span className="text-muted">Counting the pending records…</span>
          ) : state.answer.count === 0 ? (
            <span className="font-medium text-warn">No pending record matches: there is nothing to do.</span>
          ) : (
            <>
              <strong className="font-mono tabular-nums">{formatCount(state.answer.count)}</strong> pending{" "}
              {state.answer.count === 1 ? "record" : "records"} will be {resultStatus(action)}
              {picked !== undefined && state.answer.count < picked ? (
                <span className="text-muted"> (of the {recordCount(picked)} picked; the others are not pending)</span>
              ) : null}
              .
            </>
          )}
        </p>
      )}
      {state.status === "answered" && state.answer.count > 0 ? <DryRunDetails answer={state.answer} chosenTarget={chosenTarget} /> : null}
    </section>
  );
}

function DryRunDetails({ answer, chosenTarget }: { answer: JobDryRun; chosenTarget: boolean }) {
  return (
    <>
      {answer.targets.length > 0 ? (
        <ul aria-label="Targets" className="flex flex-col gap-1 text-sm">
          {answer.targets.map((target) => {
            const tone = target.exists && target.refusal === null ? "bg-surface" : "bg-danger-soft font-medium text-danger";
            return (
              <li key={target.topic ?? ""} className={clsx("rounded px-2 py-1 [overflow-wrap:anywhere]", tone)}>
                {target.topic === null ? (
                  <>No original topic: {recordCount(target.count)} would fail. Set a target topic to send them somewhere.</>
                ) : (
                  <>
                    → <span className="font-mono text-xs">{target.topic}</span> · {recordCount(target.count)}
                    {target.refusal !== null ? (
                      <>
                        : refused, {chosenTarget ? "name another topic" : "so they would fail"}. {target.refusal}.
                      </>
                    ) : target.exists ? null : chosenTarget ? (
                      <>: this topic does not exist. Name another one.</>
                    ) : (
                      <>: this topic does not exist, so they would fail</>
                    )}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
      <div className="overflow-x-auto rounded border border-border bg-surface">
        <table aria-label="Sample" className={clsx(tableClass, "table-fixed")}>
          <caption className="px-2 py-1 text-left text-xs text-muted">
            First {answer.sample.length} of {recordCount(answer.count)}
          </caption>
          <thead>
            <tr>
              <th scope="col" className={clsx(thClass, "static w-24 text-right")}>
                Record
              </th>
              <th scope="col" className={clsx(thClass, "static w-28 max-sm:hidden")}>
                Key
              </th>
              <th scope="col" className={clsx(thClass, "static")}>
                Failure
              </th>
            </tr>
          </thead>
          <tbody>
            {answer.sample.map((message) => {
              const key = message.key === null ? "null" : (message.key.text ?? "binary");
              const failure = message.failure.message ?? message.failure.exceptionClass ?? "Unknown exception";
              return (
                <tr key={`${message.partition}:${message.offset}`}>
                  <td
                    className={clsx(tdClass, "py-1 text-right font-mono text-xs whitespace-nowrap tabular-nums")}
                    title={`Partition ${message.partition}, offset ${message.offset}`}
                  >
                    {message.partition}/{formatInt64(message.offset)}
                  </td>
                  <td className={clsx(tdClass, "truncate py-1 font-mono text-xs max-sm:hidden")} title={key}>
                    {key}
                  </td>
                  <td className={clsx(tdClass, "truncate py-1 text-xs")} title={failure}>
                    {failure}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
