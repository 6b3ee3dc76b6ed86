"use client";
// Pause, Resume and Cancel for operators (the server checks the role too; viewers get no buttons). Cancelling asks
// first and says what becomes of the records the job has not reached.
import { useState } from "react";
import type { JobDetails } from "@/lib/contract/job-schemas";
import { useJobControl } from "@/lib/query/jobs";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorAlert } from "@/components/ui/error-alert";
import { recordCount, resultStatus } from "./job-format";

export function JobControls({ job }: { job: JobDetails }) {
  const control = useJobControl(job.id);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const moving = job.state === "running" || job.state === "waiting";
  if (job.state === "cancelled" || job.state === "completed") return null;

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap items-center gap-2">
        {moving ? (
          <Button onClick={() => control.mutate("pause")} disabled={control.isPending}>
            Pause
          </Button>
        ) : (
          <Button variant="primary" onClick={() => control.mutate("resume")} disabled={control.isPending}>
            Resume
          </Button>
        )}
        <Button variant="danger" onClick={() => setConfirmCancel(true)} disabled={control.isPending}>
          Cancel job…
        </Button>
      </div>
      {control.error && !confirmCancel ? <ErrorAlert>{control.error.message}</ErrorAlert> : null}
      {confirmCancel ? (
        <ConfirmDialog
          open
          title="Cancel this job?"
          confirmLabel="Cancel job"
          cancelLabel="Keep it"
          confirmDisabled={control.isPending}
          onConfirm={() => control.mutate("cancel", { onSuccess: () => setConfirmCancel(false) })}
          onCancel={() => setConfirmCancel(false)}
        >
          <p className="text-sm">
            The {recordCount(job.remaining)} it has not reached yet stay <strong className="text-warn">pending</strong> in the DLQ, where
            you can act on them again. The {recordCount(job.done)} already {resultStatus(job.action)} stay {resultStatus(job.action)}.
          </p>
          <p className="text-sm text-muted">A cancelled job cannot be resumed.</p>
          {control.error ? <ErrorAlert>{control.error.message}</ErrorAlert> : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
