// Forgetting a DLQ's stored records: what an operator does once its topic was deleted (and perhaps created again,
// which stops the indexer at the first offset the old records hold). Only a DLQ with nothing left to triage can be
// forgotten — no pending record, no job still to run — so no failure is dropped unseen; the records, their search
// text and their failure groups go in one transaction with an audit entry that says how many went by status.
// The audit log keeps every earlier entry about them. The check counts the records themselves, under the lock the
// indexer stores under, so a record stored while a forget runs is either counted (and the forget refused) or stored
// after it (and kept).
import { sql } from "drizzle-orm";
import { appendAudit } from "@/lib/audit/audit-log";
import type { Actor } from "@/lib/auth/actor";
import type { ForgottenDlq } from "@/lib/contract/schemas";
import { RedriveError } from "@/lib/errors";
import { lockDlqIngest } from "@/lib/store/dlq-messages";
import { lockDlqClaims } from "@/lib/store/job-batches";
import type { Store } from "@/lib/store/open-store";
import { liftStatementTimeout } from "@/lib/store/store-timeout";

export interface ForgetOptions {
  /** Runs between the check and the delete, inside the transaction: a test's way to store a record just then. */
  afterCheck?: () => Promise<void>;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

export async function forgetDlq(
  store: Store,
  actor: Actor,
  where: { cluster: string; topic: string },
  { afterCheck }: ForgetOptions = {},
): Promise<ForgottenDlq> {
  const { cluster, topic } = where;
  return store.db.transaction(async (tx) => {
    // Forgetting a DLQ of millions of records deletes them all in here: not a read to cut at the request's budget.
    await liftStatementTimeout(tx);
    // Exclusive: no single action or job claims a record of this DLQ, and the indexer stores none, until this ends.
    await lockDlqClaims(tx, where, "exclusive");
    await lockDlqIngest(tx, where, "exclusive");
    const [totals] = rowsOf<{ records: string; pending: string; redelivered: string; discarded: string }>(
      await tx.execute(sql`
        select count(*)::text as records, count(*) filter (where status = 'pending')::text as pending,
          count(*) filter (where status = 'redelivered')::text as redelivered,
          count(*) filter (where status = 'discarded')::text as discarded
        from dlq_message where cluster = ${cluster} and topic = ${topic}`),
    );
    if (!totals || totals.records === "0") {
      throw new RedriveError("not_found", `The store holds no records of DLQ "${topic}" on cluster "${cluster}"`);
    }
    const pending = Number(totals.pending);
    if (pending > 0) {
      throw new RedriveError(
        "conflict",
        `${pending.toLocaleString("en")} ${pending === 1 ? "record" : "records"} of "${topic}" ${pending === 1 ? "is" : "are"} still pending: redeliver or discard them first (a bulk job from the DLQ page does all of them), then forget the DLQ`,
      );
    }
    const jobs = rowsOf<{ id: string }>(
      await tx.execute(
        sql`select id from triage_job where cluster = ${cluster} and topic = ${topic} and state not in ('completed', 'cancelled') order by created_at limit 1`,
      ),
    );
    if (jobs.length > 0)
      throw new RedriveError(
        "conflict",
        `Job ${jobs[0]!.id} on "${topic}" has not finished: cancel it or let it complete, then forget the DLQ`,
      );
    await afterCheck?.();
    for (const table of ["dlq_message", "dlq_search", "dlq_search_pending", "dlq_failure_group", "dlq_failure_hourly"]) {
      await tx.execute(sql`delete from ${sql.identifier(table)} where cluster = ${cluster} and topic = ${topic}`);
    }
    const forgotten = { records: Number(totals.records), redelivered: Number(totals.redelivered), discarded: Number(totals.discarded) };
    await appendAudit(tx, { ...actor.audit, action: "dlq.forget", cluster, topic, details: forgotten });
    return forgotten;
  });
}
