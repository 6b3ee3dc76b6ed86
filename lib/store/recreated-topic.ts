// A DLQ topic deleted and created again, as the store sees it: the offsets start afresh over the records stored
// from the old topic. Kafka never changes the record at an offset, and a partition's end never moves back, so a stored
// record unlike the one read at its offset, or stored offsets past the partition's end, give it away.
import { sql } from "drizzle-orm";
import type { Store } from "./open-store";

/** Storing the new topic's records over the old ones would keep the old record at each offset and drop the new one. */
export class RecreatedTopicError extends Error {
  constructor(
    readonly cluster: string,
    readonly topic: string,
    readonly partition: number,
    /** What gave it away, in words that follow the topic's name. */
    finding: string,
  ) {
    super(
      `DLQ topic "${topic}" ${finding}: the topic was deleted and created again. Its new records are not indexed until the ` +
        `old ones are forgotten: resolve their pending records, then forget them (an admin's Forget… on the DLQ page, or ` +
        `\`npm run redrive -- dlq forget --cluster ${cluster} --topic ${topic}\`)`,
    );
    this.name = "RecreatedTopicError";
  }
}

/** The highest stored offset of each of the partitions that has records stored (one index probe each). */
export async function lastStoredOffsets(store: Store, cluster: string, topic: string, partitions: readonly number[]): Promise<Map<number, bigint>> {
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
