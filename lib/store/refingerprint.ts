// Fingerprints again, after a change to how failures are normalised: each stored record's fingerprint is computed
// anew from the failure fields stored with it (the same inputs the indexer used), the records whose fingerprint
// changed are updated, and the DLQ's failure groups and hourly counts are rebuilt from the records. Without it, the
// records indexed before the change keep the old grouping and sit in groups of their own beside the new ones.
import { sql } from "drizzle-orm";
import { failureFingerprint } from "@/lib/dlq/fingerprint";
import { rebuildFailureGroups } from "./dlq-messages";
import type { Store } from "./open-store";

/** Records read (and updated) per transaction: a DLQ of millions is rewritten in short steps. */
const BATCH = 5_000;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

interface StoredFailure {
  partition: number;
  offset: string;
  exception_class: string | null;
  failure_message: string | null;
  original_topic: string | null;
  fingerprint: string;
}

export interface RefingerprintResult {
  cluster: string;
  topic: string;
  records: number;
  changed: number;
}

/** The DLQs the store holds records of, optionally narrowed to one cluster or topic. */
export async function storedDlqs(
  store: Store,
  only: { cluster?: string; topic?: string } = {},
): Promise<{ cluster: string; topic: string }[]> {
  return rowsOf<{ cluster: string; topic: string }>(
    await store.db.execute(sql`
      select distinct cluster, topic from dlq_failure_group
      where (${only.cluster ?? null}::text is null or cluster = ${only.cluster ?? null})
        and (${only.topic ?? null}::text is null or topic = ${only.topic ?? null})
      order by cluster, topic`),
  );
}

export async function refingerprintDlq(store: Store, cluster: string, topic: string): Promise<RefingerprintResult> {
  let after: { partition: number; offset: string } | null = null;
  let records = 0;
  let changed = 0;
  for (;;) {
    const from: { partition: number; offset: string } | null = after;
    const rows: StoredFailure[] = rowsOf<StoredFailure>(
      await store.db.execute(sql`
        select m."partition", m."offset"::text as "offset", m.exception_class, m.failure_message, m.original_topic, m.fingerprint from dlq_message m
        where m.cluster = ${cluster} and m.topic = ${topic}
          ${from ? sql`and (m."partition", m."offset") > (${from.partition}::integer, ${from.offset}::bigint)` : sql``}
        -- Qualified: a bare "offset" here would sort by the text column of the same name above.
        order by m."partition", m."offset" limit ${BATCH}`),
    );
    if (rows.length === 0) break;
    records += rows.length;
    const moved = rows
      .map((r) => ({
        ...r,
        next: failureFingerprint({ exceptionClass: r.exception_class, message: r.failure_message, originalTopic: r.original_topic }),
      }))
      .filter((r) => r.next !== r.fingerprint);
    if (moved.length > 0) {
      await store.db.execute(sql`
        update dlq_message m set fingerprint = u.fp
        from unnest(${sql.param(moved.map((r) => Number(r.partition)))}::integer[], ${sql.param(moved.map((r) => r.offset))}::bigint[], ${sql.param(moved.map((r) => r.next))}::text[]) as u(p, o, fp)
        where m.cluster = ${cluster} and m.topic = ${topic} and m."partition" = u.p and m."offset" = u.o`);
      changed += moved.length;
    }
    const last: StoredFailure = rows.at(-1)!;
    after = { partition: Number(last.partition), offset: last.offset };
  }
  if (changed > 0) await rebuildFailureGroups(store, cluster, topic);
  return { cluster, topic, records, changed };
}
