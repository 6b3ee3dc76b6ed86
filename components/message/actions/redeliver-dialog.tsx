"use client";
// Redelivering a message: where it goes (the failure's original topic unless the operator picks another) and what
// is sent, shown before anything is produced. Payloads are shown as text, never as HTML.
import { useId, useState } from "react";
import type { DlqMessageDetails } from "@/lib/api/schemas";
import { useRedeliverMessage } from "@/lib/query/dlqs";
import type { RedeliverAnswer } from "@/lib/api/triage-schemas";
import { formatByteSize } from "@/components/format/bytes";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorAlert } from "@/components/ui/error-alert";
import { controlClass, fieldLabelClass } from "@/components/ui/field-styles";
import { headerKind } from "../header-kind";
import { ValueDiff } from "./value-diff";

const PREVIEW_CHARS = 200;

/** Whether a message's value can be edited as text: only when its bytes are UTF-8. */
export const canEditValue = (message: DlqMessageDetails) => message.value !== null && message.value.text !== null && !message.value.truncated;

/** `editValue` adds a text editor for the value (only for values that `canEditValue`). */
export function RedeliverDialog({
  cluster,
  message,
  editValue = false,
  onDone,
  onCancel,
}: {
  cluster: string;
  message: DlqMessageDetails;
  editValue?: boolean;
  onDone: (answer: RedeliverAnswer) => void;
  onCancel: () => void;
}) {
  const originalTopic = message.failure.originalTopic;
  const originalValue = message.value?.text ?? "";
  const [target, setTarget] = useState(originalTopic ?? "");
  const [note, setNote] = useState("");
  const [value, setValue] = useState(originalValue);
  const valueId = useId();
  const jsonError = editValue && message.value?.encoding === "json" ? parseError(value) : null;
  const redeliver = useRedeliverMessage(cluster, message.topic, message.partition, message.offset);
  const noteId = useId();
  const targetId = useId();
  const targetTopic = target.trim();
  const elsewhere = targetTopic !== "" && targetTopic !== originalTopic;
  const keptHeaders = message.headers.filter((header) => headerKind(header.key, message.failure.convention) === "application").length;

  return (
    <ConfirmDialog
      open
      title={`${editValue ? "Edit and redeliver" : "Redeliver"} partition ${message.partition} · offset ${message.offset}?`}
      confirmLabel="Redeliver"
      // Without a topic there is nowhere to send to (the server would refuse it as well); broken JSON is not sent.
      pending={redeliver.isPending || targetTopic === "" || jsonError !== null}
      onConfirm={() =>
        redeliver.mutate(
          {
            ...(targetTopic !== originalTopic ? { targetTopic } : {}),
            ...(editValue ? { edit: { value: { text: value } } } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
          { onSuccess: onDone },
        )
      }
      onCancel={onCancel}
    >
      <div className={fieldLabelClass}>
        <label htmlFor={targetId}>Target topic</label>
        <input id={targetId} value={target} onChange={(event) => setTarget(event.target.value)} spellCheck={false} className={`${controlClass} font-mono`} />
      </div>
      {originalTopic === null ? (
        <p className="text-sm text-warn">The failure does not name its original topic: choose where to send it.</p>
      ) : elsewhere ? (
        <p role="note" className="rounded-md border border-warn/40 bg-warn-soft px-3 py-2 text-sm text-warn [overflow-wrap:anywhere]">
          Not the original topic: the record failed on <span className="font-mono">{originalTopic}</span>.
        </p>
      ) : null}
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
              {editValue ? (
                <span className="text-muted"> before editing</span>
              ) : message.value.text !== null ? (
                <pre aria-label="Value preview" className="mt-1 max-h-24 overflow-auto rounded border border-border bg-surface-2 px-2 py-1 font-mono text-xs whitespace-pre-wrap break-all">
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
      {editValue ? (
        <div className="flex flex-col gap-2">
          <div className={fieldLabelClass}>
            <label htmlFor={valueId}>Value</label>
            <textarea
              id={valueId}
              value={value}
              onChange={(event) => setValue(event.target.value)}
              rows={6}
              spellCheck={false}
              aria-invalid={jsonError !== null}
              className={`${controlClass} h-auto py-1.5 font-mono text-xs`}
            />
          </div>
          {jsonError !== null ? <ErrorAlert>Invalid JSON: {jsonError}</ErrorAlert> : <ValueDiff original={originalValue} edited={value} />}
        </div>
      ) : null}
      <p className="text-xs text-muted">
        Failure headers are stripped; <span className="font-mono">x-redrive-id</span>, <span className="font-mono">x-redrive-source</span> and{" "}
        <span className="font-mono">x-redrive-count</span> are added.
      </p>
      <div className={fieldLabelClass}>
        <label htmlFor={noteId}>Note (optional)</label>
        <textarea id={noteId} value={note} onChange={(event) => setNote(event.target.value)} rows={2} maxLength={2_000} className={`${controlClass} h-auto py-1.5`} />
      </div>
      {redeliver.error ? <ErrorAlert>{redeliver.error.message}</ErrorAlert> : null}
    </ConfirmDialog>
  );
}

function parseError(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function describeKey(key: DlqMessageDetails["key"]): string {
  if (key === null) return "null";
  if (key.text === null) return `binary (base64 ${key.base64})`;
  return key.text;
}
