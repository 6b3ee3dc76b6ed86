// Reconciliation: which of these redeliveries reached the topic? Reads the topic from the first record written at
// or after `sinceMs` up to its end as it is now, and picks out the records whose x-redrive-id is asked for. Used
// after a crash or a failed send, when a claimed redelivery may or may not have been written.
import { randomUUID } from "node:crypto";
import type { ClusterConfig } from "@/lib/config/clusters";
import { REDRIVE_ID_HEADER } from "@/lib/dlq/redelivery";
import { errorChain } from "@/lib/error-chain";
import { RedriveError } from "@/lib/errors";
import { adminFor, kafkaFor, withKafka } from "./clients";
import { orderedHeaders } from "./ordered-headers";
import type { Produced } from "./redeliver";

/**
 * Reading a topic to reconcile needs READ on it and on a consumer group: say which, in words an admin can act on.
 * kafkajs reports a group it may not use only as a coordinator it could not find, so that one says both.
 */
function notAuthorised(error: unknown, topic: string, groupId: string): RedriveError | null {
  const chain = errorChain(error);
  if (chain.some((e) => e.type === "TOPIC_AUTHORIZATION_FAILED")) {
    return new RedriveError(
      "kafka_error",
      `Redrive may not read topic "${topic}" to check which redeliveries reached it: grant its Kafka user READ on the topic`,
    );
  }
  if (chain.some((e) => e.type === "GROUP_AUTHORIZATION_FAILED" || e.name === "KafkaJSGroupCoordinatorNotFound")) {
    return new RedriveError(
      "kafka_error",
      `Redrive could not use consumer group "${groupId}" to check which redeliveries reached topic "${topic}": where the cluster enforces ACLs, grant its Kafka user READ on groups prefixed "redrive-"`,
    );
  }
  return null;
}

/** Give up (and let the caller retry later) when the scan makes no progress for this long. */
const STALL_MS = 30_000;

export async function findRedeliveries(
  cluster: ClusterConfig,
  topic: string,
  sinceMs: number,
  ids: ReadonlySet<string>,
): Promise<Map<string, Produced>> {
  if (ids.size === 0) return new Map();
  const groupId = `redrive-reconcile-${randomUUID()}`;
  return withKafka(cluster, async () => {
    try {
      return await scan(cluster, topic, sinceMs, ids, groupId);
    } catch (error) {
      throw notAuthorised(error, topic, groupId) ?? error;
    }
  });
}

async function scan(
  cluster: ClusterConfig,
  topic: string,
  sinceMs: number,
  ids: ReadonlySet<string>,
  groupId: string,
): Promise<Map<string, Produced>> {
  const found = new Map<string, Produced>();
  const admin = await adminFor(cluster);
  const [starts, ends] = await Promise.all([admin.fetchTopicOffsetsByTimestamp(topic, sinceMs), admin.fetchTopicOffsets(topic)]);
  const remaining = new Map<number, { from: bigint; to: bigint }>();
  for (const { partition, high } of ends) {
    const from = BigInt(starts.find((s) => s.partition === partition)?.offset ?? high);
    if (from < BigInt(high)) remaining.set(partition, { from, to: BigInt(high) });
  }
  if (remaining.size === 0) return found;

  const consumer = kafkaFor(cluster).consumer({
    groupId,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 500,
    sessionTimeout: 10_000,
    rebalanceTimeout: 10_000,
  });
  let progressAt = Date.now();
  let settle!: () => void;
  let fail!: (error: Error) => void;
  const finished = new Promise<void>((resolve, reject) => ((settle = resolve), (fail = reject)));
  const reached = (partition: number, lastOffset: string) => {
    progressAt = Date.now();
    const range = remaining.get(partition);
    if (range && BigInt(lastOffset) + 1n >= range.to) remaining.delete(partition);
    if (remaining.size === 0) settle();
  };
  // Batches made only of control records or aborted messages never reach eachBatch; this event still says how far
  // the partition has been read.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => reached(payload.partition, payload.lastOffset));
  consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));
  const stall = setInterval(() => {
    if (Date.now() - progressAt > STALL_MS)
      fail(new Error(`reading ${topic} to reconcile redeliveries made no progress for ${STALL_MS / 1000} s`));
  }, 1_000);
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const range = remaining.get(batch.partition);
        if (!range) return;
        for (const message of batch.messages) {
          if (BigInt(message.offset) >= range.to) break;
          const id = orderedHeaders(message)
            .findLast((h) => h.key === REDRIVE_ID_HEADER)
            ?.value?.toString();
          if (id !== undefined && ids.has(id)) found.set(id, { topic, partition: batch.partition, offset: message.offset });
        }
      },
    });
    try {
      for (const [partition, { from }] of remaining) consumer.seek({ topic, partition, offset: from.toString() });
      await finished;
    } catch (error) {
      // A consumer that crashed before joining (not authorised, most often) makes seek say only that it has no
      // group yet: the crash says why.
      throw await Promise.race([
        finished.then(
          () => error,
          (crash: unknown) => crash,
        ),
        new Promise((resolve) => setTimeout(() => resolve(error), 2_000)),
      ]);
    }
    return found;
  } finally {
    clearInterval(stall);
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
}
