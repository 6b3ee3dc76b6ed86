"use client";
// Discarding a message: a reason is required (it goes to the audit log), and the server's refusal stays in the dialog.
import { useId, useState } from "react";
import { useDiscardMessage } from "@/lib/query/dlqs";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorAlert } from "@/components/ui/error-alert";
import { controlClass, fieldLabelClass } from "@/components/ui/field-styles";

export function DiscardDialog({
  cluster,
  topic,
  partition,
  offset,
  onDone,
  onCancel,
}: {
  cluster: string;
  topic: string;
  partition: number;
  offset: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState("");
  const discard = useDiscardMessage(cluster, topic, partition, offset);
  const reasonId = useId();
  const blank = reason.trim() === "";

  return (
    <ConfirmDialog
      open
      title={`Discard partition ${partition} · offset ${offset}?`}
      confirmLabel="Discard"
      // The dialog has one "not now" switch for Confirm: a blank reason counts as not ready, like a request in flight.
      confirmDisabled={discard.isPending || blank}
      onConfirm={() => discard.mutate(reason.trim(), { onSuccess: onDone })}
      onCancel={onCancel}
    >
      <p className="text-sm text-muted">The message stays in the DLQ but is marked discarded and is never redelivered.</p>
      <div className={fieldLabelClass}>
        <label htmlFor={reasonId}>Reason (required)</label>
        <textarea
          id={reasonId}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          rows={3}
          maxLength={2_000}
          className={`${controlClass} h-auto py-1.5`}
        />
      </div>
      {discard.error ? <ErrorAlert>{discard.error.message}</ErrorAlert> : null}
    </ConfirmDialog>
  );
}
