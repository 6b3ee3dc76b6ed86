// A DLQ topic deleted and created again, as the store sees it: the offsets start afresh over the records stored
// from the old topic. Kafka never changes the record at an offset, and a partition's end never moves back, so a stored
// record unlike the one read at its offset, or stored offsets past the partition's end, give it away (the error that
// says so is lib/dlq/recreated-topic-error.ts).
import { sql } from "drizzle-orm";
import type { Store } from "./open-store";

/** The highest stored offset of each of the partitions that has records stored (one index probe each). */
export async function lastStoredOffsets(
  store: Store,
  cluster: string,
  topic: string,
  partitions: readonly number[],
): Promise<Map<number, bigint>> {
  const last = new Map<number, bigint>();
  for (const partition of partitions) {
    const result = await store.db.execute(sql`
      select "offset"::text as "offset" from dlq_message where cluster = ${cluster} and topic = ${topic} and "partition" = ${partition}
      order by "offset" desc limit 1`);
    const [row] = (result as unknown as { rows: { offset: string }[] }).rows;
    if (row) last.set(partition, BigInt(row.offset));
  }
  return last;
}
