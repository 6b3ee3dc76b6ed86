// A redelivery job's batches, pipelined: while one batch is on its way to Kafka, the batch before it is recorded
// and the batch after it claimed, so the store's work and Kafka's overlap instead of adding up. At most two batches
// are in flight at once, both inside the job's claimed range, so a crash or a failed send leaves nothing the
// reconciliation cannot settle. Returns when the job has no items left or its state says stop; throws what stopped it
// otherwise (the records it was sending stay claimed for the runner to reconcile).
import type { JobRow } from "@/lib/store/job-queries";
import { claimBatch, recordAndClaim, recordBatch, sendBatch, type ClaimedBatch, type JobBatchContext, type SentBatch } from "./job-batch";
import type { Pace } from "./job-pace";

export interface PipelineOptions {
  leaseMs: number;
  isStopped: () => boolean;
  /** Called after each recorded batch (the runner flips a waiting job back to running). */
  onRecorded: (job: JobRow) => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runRedeliveries(ctx: JobBatchContext, start: JobRow, pace: Pace, options: PipelineOptions): Promise<JobRow> {
  let job = start;
  let claimed: ClaimedBatch | null = await claimBatch(ctx, job, job.cursor, pace.batchSize());
  let sent: SentBatch | null = null;
  const goOn = () => !options.isStopped();
  while (claimed) {
    await sleep(pace.delay());
    const sending = sendBatch(ctx, claimed);
    // Awaited below, once the store's work is done; until then a failed send must not count as unhandled.
    sending.catch(() => undefined);
    pace.sent(claimed.items);
    let next: ClaimedBatch | null = null;
    let storeError: unknown;
    try {
      const recorded = sent !== null;
      ({ job, next } = await recordAndClaim(ctx, job, {
        sent,
        afterSeq: claimed.lastSeq,
        size: pace.batchSize(),
        rate: pace.rate(),
        leaseMs: options.leaseMs,
        goOn,
      }));
      sent = null;
      if (recorded) await options.onRecorded(job);
    } catch (error) {
      storeError = error;
    }
    // Always wait for the send, so that nothing is left running behind the caller's back.
    let result: SentBatch;
    try {
      result = await sending;
    } catch (error) {
      throw storeError ?? error;
    }
    if (storeError) throw storeError;
    sent = result;
    claimed = next;
  }
  if (sent) {
    job = await recordBatch(ctx, job, sent, pace.rate());
    await options.onRecorded(job);
  }
  return job;
}
