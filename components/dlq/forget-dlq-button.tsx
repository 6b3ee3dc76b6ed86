"use client";
// "Forget…" for admins (the server checks the role too): drops a triaged DLQ's stored records, what an operator does
// once its topic was deleted, or created again (the indexer then holds the new topic's records back until this).
// Asks first, says what goes and what stays, and is refused while a record is pending.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { hrefs } from "@/lib/contract/hrefs";
import type { DlqSummary } from "@/lib/contract/schemas";
import { useForgetDlq } from "@/lib/query/dlqs";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorAlert } from "@/components/ui/error-alert";
import { formatCount } from "@/components/format/int64";
import { recordCount } from "@/components/jobs/job-format";

export function ForgetDlqButton({ cluster, topic, summary }: { cluster: string; topic: string; summary: DlqSummary }) {
  const forget = useForgetDlq(cluster, topic);
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  // Counts, not offsets: far below 2^53.
  const pending = Number(summary.pending);
  const total = Number(summary.total);

  return (
    <>
      <Button variant="danger" size="sm" onClick={() => setAsking(true)}>
        Forget…
      </Button>
      {asking ? (
        <ConfirmDialog
          open
          title={`Forget the stored records of ${topic}?`}
          confirmLabel={`Forget ${recordCount(total)}`}
          cancelLabel="Keep them"
          confirmDisabled={pending > 0 || forget.isPending}
          onConfirm={() => forget.mutate(undefined, { onSuccess: () => router.push(hrefs.dlqs(cluster)) })}
          onCancel={() => setAsking(false)}
        >
          {pending > 0 ? (
            <ErrorAlert>
              {recordCount(pending)} {pending === 1 ? "is" : "are"} still pending: redeliver or discard them first (Redeliver or Discard all
              matching), then forget the DLQ.
            </ErrorAlert>
          ) : (
            <p className="text-sm">
              The store drops its {recordCount(total)} of this DLQ ({formatCount(Number(summary.redelivered))} redelivered,{" "}
              {formatCount(Number(summary.discarded))} discarded), with their failure groups. The audit log keeps every entry about them.
              Whatever the Kafka topic holds now is indexed again from its start.
            </p>
          )}
          {forget.error ? <ErrorAlert>{forget.error.message}</ErrorAlert> : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
