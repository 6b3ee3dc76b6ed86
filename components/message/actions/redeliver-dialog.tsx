"use client";
// Redelivering a message: where it goes (the failure's original topic unless the operator picks another; a target the
// server refuses, such as a system topic a forged header names, is shown in red and cannot be confirmed) and what is
// sent, shown before anything is produced. Payloads are shown as text, never as HTML.
import { useId, useState } from "react";
import type { DlqMessageDetails } from "@/lib/contract/schemas";
import type { RedeliverAnswer } from "@/lib/contract/triage-schemas";
import { useRedeliverMessage } from "@/lib/query/dlqs";
import { useRedeliveryTarget } from "@/lib/query/redelivery-target";
import { formatByteSize } from "@/components/format/bytes";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorAlert } from "@/components/ui/error-alert";
import { controlClass, fieldLabelClass } from "@/components/ui/field-styles";
import { warnNoticeClass } from "@/components/ui/notice-styles";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";
import { useEditFields } from "./edit-fields";

const PREVIEW_CHARS = 200;
/** A typed target is checked with the server once the typing pauses. */
const TARGET_DEBOUNCE_MS = 250;

/** Whether a message can be edited before it is redelivered: only when the page holds all of its value. */
export const canEdit = (message: DlqMessageDetails) => message.value === null || !message.value.truncated;

/** `edit` adds editors for key, value and headers (only for messages that `canEdit`). */
export function RedeliverDialog({
  cluster,
  message,
  edit = false,
  onDone,
  onCancel,
}: {
  cluster: string;
  message: DlqMessageDetails;
  edit?: boolean;
  onDone: (answer: RedeliverAnswer) => void;
  onCancel: () => void;
}) {
  const originalTopic = message.failure.originalTopic;
  const [target, setTarget] = useState(originalTopic ?? "");
  const [note, setNote] = useState("");
  const editing = useEditFields(message);
  const editProblem = edit ? editing.state.problem : null;
  const redeliver = useRedeliverMessage(cluster, message.topic, message.partition, message.offset);
  const noteId = useId();
  const targetId = useId();
  const refusalId = useId();
  const keepsFailureHeaders = message.headers.some((h) => h.kind === "failure" && h.keptOnRedelivery);
  const targetTopic = target.trim();
  const elsewhere = targetTopic !== "" && targetTopic !== originalTopic;
  const check = useRedeliveryTarget(cluster, useDebouncedValue(targetTopic, TARGET_DEBOUNCE_MS));
  // Only the answer for the topic on screen counts; until it comes, Redeliver waits. A check that failed leaves the
  // decision to the redelivery itself, which the server checks by the same rule.
  const checked = check.data?.topic === targetTopic ? check.data : undefined;
  const refusal = checked?.refusal ?? null;
  const checking = targetTopic !== "" && checked === undefined && !check.isError;

  return (
    <ConfirmDialog
      open
      title={`${edit ? "Edit and redeliver" : "Redeliver"} partition ${message.partition} · offset ${message.offset}?`}
      confirmLabel="Redeliver"
      wide={edit}
      // Without a topic there is nowhere to send to (the server would refuse it as well); broken JSON or base64 is not sent.
      confirmDisabled={redeliver.isPending || targetTopic === "" || checking || refusal !== null || editProblem !== null}
      onConfirm={() =>
        redeliver.mutate(
          {
            ...(targetTopic !== originalTopic ? { targetTopic } : {}),
            ...(edit && editing.state.edit ? { edit: editing.state.edit } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
          { onSuccess: onDone },
        )
      }
      onCancel={onCancel}
    >
      <div className={fieldLabelClass}>
        <label htmlFor={targetId}>Target topic</label>
        <input
          id={targetId}
          value={target}
          onChange={(event) => setTarget(event.target.value)}
          spellCheck={false}
          aria-invalid={refusal !== null}
          aria-describedby={refusal !== null ? refusalId : undefined}
          className={`${controlClass} font-mono`}
        />
      </div>
      {refusal !== null ? (
        <p id={refusalId} className="rounded bg-danger-soft px-2 py-1 text-sm font-medium text-danger [overflow-wrap:anywhere]">
          Refused: {refusal}
        </p>
      ) : null}
      {originalTopic === null ? (
        <p className="text-sm text-warn">The failure does not name its original topic: choose where to send it.</p>
      ) : elsewhere ? (
        <p role="note" className={warnNoticeClass}>
          Not the original topic: the record failed on <span className="font-mono">{originalTopic}</span>.
        </p>
      ) : null}
      {edit ? editing.fields : <WhatWillBeSent message={message} />}
      <p className="text-xs text-muted">
        Failure headers are {keepsFailureHeaders ? "kept" : "stripped"}; <span className="font-mono">x-redrive-id</span>,{" "}
        <span className="font-mono">x-redrive-source</span> and <span className="font-mono">x-redrive-count</span> are added.
      </p>
      <div className={fieldLabelClass}>
        <label htmlFor={noteId}>Note (optional)</label>
        <textarea
          id={noteId}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          rows={2}
          maxLength={2_000}
          className={`${controlClass} h-auto py-1.5`}
        />
      </div>
      {redeliver.error ? <ErrorAlert>{redeliver.error.message}</ErrorAlert> : null}
    </ConfirmDialog>
  );
}

/** A plain redelivery's bytes, shown before anything is sent: key, value (a preview) and how many headers stay. */
function WhatWillBeSent({ message }: { message: DlqMessageDetails }) {
  // The server applies the rule the redelivery is sent by (custom mappings, REDRIVE_KEEP_FAILURE_HEADERS and all).
  const keptHeaders = message.headers.filter((header) => header.keptOnRedelivery).length;
  return (
    <dl aria-label="What will be sent" className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
      <dt className="text-muted">Key</dt>
      <dd className="min-w-0 font-mono break-all">{describeKey(message.key)}</dd>
      <dt className="text-muted">Value</dt>
      <dd className="min-w-0">
        {message.value === null ? (
          <span className="text-muted">null (tombstone)</span>
        ) : (
          <>
            {formatByteSize(message.value.size)}
            {message.value.text !== null ? (
              <pre
                aria-label="Value preview"
                className="mt-1 max-h-24 overflow-auto rounded border border-border bg-surface-2 px-2 py-1 font-mono text-xs whitespace-pre-wrap break-all"
              >
                {message.value.text.length > PREVIEW_CHARS ? `${message.value.text.slice(0, PREVIEW_CHARS)}…` : message.value.text}
              </pre>
            ) : (
              <span className="text-muted"> binary</span>
            )}
          </>
        )}
      </dd>
      <dt className="text-muted">Headers</dt>
      <dd>
        {keptHeaders} of {message.headers.length} kept
      </dd>
    </dl>
  );
}

function describeKey(key: DlqMessageDetails["key"]): string {
  if (key === null) return "null";
  if (key.text === null) return `binary (base64 ${key.base64})`;
  return key.text;
}
