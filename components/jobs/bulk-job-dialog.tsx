"use client";
// Starting a bulk job on a failure group, a filter or picked rows: action, target, rate limit, reason and note, and
// a dry run (re-run whenever the action or target changes) that must answer with something to do, somewhere allowed,
// before Start is enabled. The server's refusals stay in the dialog; a started job opens its page.
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useState } from "react";
import { hrefs } from "@/lib/contract/hrefs";
import type { JobRequest } from "@/lib/contract/job-schemas";
import { useCreateJob, useDryRunJob, type JobRequestBody } from "@/lib/query/jobs";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorAlert } from "@/components/ui/error-alert";
import { controlClass, fieldLabelClass } from "@/components/ui/field-styles";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";
import { warnNoticeClass } from "@/components/ui/notice-styles";
import { describeSelector, selectionBodyOf, selectorOf, type BulkSelection } from "./describe-selection";
import { DryRunSummary, type DryRunState } from "./dry-run-summary";
import { parseRateLimit, SUGGESTED_RATE_LIMIT } from "./rate-limit-input";

export type BulkAction = JobRequest["action"];

const ACTIONS = [
  { value: "redeliver", label: "Redeliver" },
  { value: "discard", label: "Discard" },
] as const;

/** Typing a target topic re-runs the dry run once the typing pauses. */
const TARGET_DEBOUNCE_MS = 400;

export function BulkJobDialog({
  cluster,
  topic,
  selection,
  initialAction,
  groupLabel,
  onCancel,
}: {
  cluster: string;
  topic: string;
  selection: BulkSelection;
  initialAction: BulkAction;
  groupLabel?: string;
  onCancel: () => void;
}) {
  const router = useRouter();
  const [action, setAction] = useState<BulkAction>(initialAction);
  const [target, setTarget] = useState("");
  const [rate, setRate] = useState(SUGGESTED_RATE_LIMIT);
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const ids = { target: useId(), targetHint: useId(), rate: useId(), rateHint: useId(), reason: useId(), note: useId() };

  const targetTopic = action === "redeliver" ? target.trim() : "";
  const countedTarget = useDebouncedValue(targetTopic, TARGET_DEBOUNCE_MS);
  const selectionBody = useMemo(() => selectionBodyOf(selection), [selection]);
  const dryRun = useDryRunJob(cluster, topic);
  const create = useCreateJob(cluster, topic);
  const rateLimit = parseRateLimit(rate);

  const { mutate: count } = dryRun;
  useEffect(() => {
    // A discard goes nowhere: the server refuses a target with it, so a target typed for a redelivery is left out.
    const sendTo = action === "redeliver" && countedTarget ? { targetTopic: countedTarget } : {};
    count({ action, ...selectionBody, ...sendTo });
  }, [count, action, countedTarget, selectionBody]);

  // An answer counts only for the action and target on screen now (not one typed a moment ago).
  const current = dryRun.variables?.action === action && (dryRun.variables.targetTopic ?? "") === targetTopic;
  let dryRunState: DryRunState = { status: "counting" };
  if (current && dryRun.isError) dryRunState = { status: "failed", message: dryRun.error.message };
  else if (current && dryRun.isSuccess) dryRunState = { status: "answered", answer: dryRun.data };
  const answer = dryRunState.status === "answered" ? dryRunState.answer : undefined;
  // A record whose topic is missing or refused (a system topic its forged header names, say) fails alone and stays
  // pending; a job where every record would fail is not worth starting (and one naming a refused or missing target
  // topic is refused).
  const nothingWouldArrive = action === "redeliver" && answer !== undefined && answer.targets.every((t) => !t.exists || t.refusal !== null);
  const blankReason = action === "discard" && reason.trim() === "";
  const ready =
    answer !== undefined &&
    answer.count > 0 &&
    !nothingWouldArrive &&
    rateLimit.ok &&
    !blankReason &&
    !create.isPending &&
    !create.isSuccess;

  function start() {
    if (!rateLimit.ok) return;
    const body: JobRequestBody = {
      action,
      ...selectionBody,
      ...(targetTopic ? { targetTopic } : {}),
      ratePerSecond: rateLimit.perSecond,
      ...(action === "discard" ? { reason: reason.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    create.mutate(body, { onSuccess: ({ jobId }) => router.push(hrefs.job(jobId)) });
  }

  return (
    <ConfirmDialog open wide title="New bulk job" confirmLabel="Start job" confirmDisabled={!ready} onConfirm={start} onCancel={onCancel}>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        <dt className="text-muted">DLQ</dt>
        <dd className="font-mono text-xs leading-5 [overflow-wrap:anywhere]">{topic}</dd>
        <dt className="text-muted">Selection</dt>
        <dd className="[overflow-wrap:anywhere]">
          {describeSelector(selectorOf(selection), groupLabel)}
          <span className="block text-xs text-muted">Only records still pending when the job reaches them are acted on.</span>
        </dd>
      </dl>
      <div className={fieldLabelClass}>
        <span>Action</span>
        <SegmentedControl label="Action" segments={ACTIONS} value={action} onChange={setAction} />
      </div>
      {action === "redeliver" ? (
        <div className="flex flex-col gap-1.5">
          <div className={fieldLabelClass}>
            <label htmlFor={ids.target}>Target topic</label>
            <input
              id={ids.target}
              value={target}
              onChange={(event) => setTarget(event.target.value)}
              placeholder="Each record's original topic"
              aria-describedby={ids.targetHint}
              spellCheck={false}
              autoComplete="off"
              className={`${controlClass} font-mono placeholder:font-sans`}
            />
          </div>
          {targetTopic ? (
            <p id={ids.targetHint} role="note" className={warnNoticeClass}>
              Every record goes to <span className="font-mono">{targetTopic}</span>, not back to the topic it failed on.
            </p>
          ) : (
            <p id={ids.targetHint} className="text-xs text-muted">
              Empty: each record goes back to the topic it failed on.
            </p>
          )}
        </div>
      ) : null}
      <div className={fieldLabelClass}>
        <label htmlFor={ids.rate}>Rate limit (messages/second)</label>
        <input
          id={ids.rate}
          value={rate}
          onChange={(event) => setRate(event.target.value)}
          inputMode="numeric"
          autoComplete="off"
          aria-invalid={!rateLimit.ok}
          aria-describedby={ids.rateHint}
          className={`${controlClass} w-40 font-mono`}
        />
        <span id={ids.rateHint} className={rateLimit.ok ? "font-normal" : "font-medium text-danger"}>
          {rateLimit.ok ? "Empty for no limit. A limit spares the consumers the records go back to." : rateLimit.error}
        </span>
      </div>
      {action === "discard" ? (
        <div className={fieldLabelClass}>
          <label htmlFor={ids.reason}>Reason (required)</label>
          <textarea
            id={ids.reason}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            rows={2}
            maxLength={2_000}
            className={`${controlClass} h-auto py-1.5`}
          />
        </div>
      ) : null}
      <div className={fieldLabelClass}>
        <label htmlFor={ids.note}>Note (optional)</label>
        <textarea
          id={ids.note}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          rows={2}
          maxLength={2_000}
          className={`${controlClass} h-auto py-1.5`}
        />
      </div>
      <DryRunSummary
        state={dryRunState}
        action={action}
        picked={selection.kind === "messages" ? selection.messages.length : undefined}
        chosenTarget={targetTopic !== ""}
      />
      {create.error ? <ErrorAlert>{create.error.message}</ErrorAlert> : null}
    </ConfirmDialog>
  );
}
