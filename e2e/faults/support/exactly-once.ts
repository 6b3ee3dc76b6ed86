// The check every scenario ends with: read the target topics with an independent consumer (its own group, from the
// beginning) up to their end offsets, and count each record by an identity it carries. For redeliveries that is the
// x-redrive-id (the action's id) and the x-redrive-source (the DLQ record it came from): exactly once means every
// expected source arrived once, and no id arrived twice.
import type { IHeaders, Kafka } from "kafkajs";
import { uniqueName } from "../../support/kafka-seed";

export interface Count {
  /** Records read. */
  read: number;
  /** Expected identities that never arrived. */
  lost: string[];
  /** Identities that arrived more than once, with how many times. */
  duplicated: Map<string, number>;
  /** Identities that arrived but were not expected. */
  unexpected: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  if (raw === undefined) return undefined;
  return String(Array.isArray(raw) ? raw[raw.length - 1] : raw);
}

/**
 * Reads every record of `topics` up to their end offsets as they are now (call it once the action is over), and
 * counts the identities `identify` gives each (records it gives none are read and not counted). Bounded: after
 * `timeoutMs` it answers with what it read.
 */
export async function countRecords(
  kafka: Kafka,
  topics: string[],
  expected: Iterable<string>,
  identify: (headers: IHeaders | undefined, value: Buffer | null) => string[],
  { timeoutMs = 120_000 } = {},
): Promise<Count> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, bigint>();
  try {
    for (const topic of topics) {
      for (const { partition, high } of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${partition}`, BigInt(high));
    }
  } finally {
    await admin.disconnect();
  }
  const seen = new Map<string, number>();
  let read = 0;
  const position = new Map<string, bigint>();
  const consumer = kafka.consumer({ groupId: uniqueName("fault-count"), allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          read++;
          for (const id of identify(message.headers, message.value)) seen.set(id, (seen.get(id) ?? 0) + 1);
        }
        // lastOffset counts transaction markers too, which a topic written in transactions can end with.
        position.set(`${batch.topic}/${batch.partition}`, BigInt(batch.lastOffset()) + 1n);
      },
    });
    const deadline = Date.now() + timeoutMs;
    const caughtUp = () => [...ends].every(([slot, end]) => end === 0n || (position.get(slot) ?? 0n) >= end);
    while (!caughtUp() && Date.now() < deadline) await sleep(250);
    if (!caughtUp()) throw new Error(`could not read ${topics.join(", ")} to their end within ${timeoutMs / 1000} s`);
  } finally {
    await consumer.disconnect();
  }
  const expectedSet = new Set(expected);
  return {
    read,
    lost: [...expectedSet].filter((id) => !seen.has(id)),
    duplicated: new Map([...seen].filter(([, n]) => n > 1)),
    unexpected: [...seen.keys()].filter((id) => !expectedSet.has(id)),
  };
}

export interface RedeliveryCount extends Count {
  /** x-redrive-ids that arrived more than once (a record sent twice under one action). */
  duplicatedIds: Map<string, number>;
}

/**
 * Counts redeliveries in `topics` by the DLQ record each came from (`x-redrive-source`, "topic/partition/offset"),
 * and by action id: `expectedSources` are the DLQ records acted on.
 */
export async function countRedeliveries(
  kafka: Kafka,
  topics: string[],
  expectedSources: Iterable<string>,
  options?: { timeoutMs?: number },
): Promise<RedeliveryCount> {
  const ids = new Map<string, number>();
  const count = await countRecords(
    kafka,
    topics,
    expectedSources,
    (headers) => {
      const id = headerText(headers, "x-redrive-id");
      if (id !== undefined) ids.set(id, (ids.get(id) ?? 0) + 1);
      const source = headerText(headers, "x-redrive-source");
      return source === undefined ? [] : [source];
    },
    options,
  );
  return { ...count, duplicatedIds: new Map([...ids].filter(([, n]) => n > 1)) };
}

/** The table's "duplicated": records that arrived more than once, by source or by action id. */
export function duplicates(count: RedeliveryCount): number {
  const extra = (m: Map<string, number>) => [...m.values()].reduce((sum, n) => sum + n - 1, 0);
  return Math.max(extra(count.duplicated), extra(count.duplicatedIds));
}
