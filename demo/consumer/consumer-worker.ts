// The DLQ-aware consumer: reads its topics read_committed with manual commits, processes each chunk of a batch
// (bounded in flight), stores what succeeded, then writes what failed to the DLT and commits the chunk's offset
// in ONE Kafka transaction. A crash anywhere replays at most the open chunk: the aborted transaction's DLT
// records are never visible to a read_committed reader, and the store's identity keys keep a replayed success
// from being applied twice.
//
// Each input partition has a transactional producer of its own, with the same transactional id in every instance
// (kafkajs predates KIP-447, so the group generation cannot fence a former owner; the transactional id can). Setting
// one up fences whoever wrote for the partition before and ends the transaction it left open; the group's committed
// offset is read only after that, so a chunk another instance committed is never processed again, and a former
// owner that wakes up with its transaction open can no longer commit it.
import {
  Kafka,
  KafkaJSError,
  Partitioners,
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type KafkaMessage,
  type Producer,
} from "kafkajs";
import type { Logger } from "pino";
import { kafkaLogCreator } from "../demo-log";
import { errorMessage, isBrokerError } from "../kafka-errors";
import { MESSAGE_ID_HEADER, REDRIVE_ID_HEADER } from "../message-headers";
import { consumedHeaders, lastHeaderText, messageWithHeaders, type RecordHeader } from "../record-headers";
import { runInLanes } from "./bounded-lanes";
import type { ConsumerMetrics } from "./consumer-metrics";
import { dltHeaders } from "./dlt-headers";
import type { OfferHandler } from "./offer-handlers";
import { processRecord, type Outcome } from "./process-record";
import type { ProcessedRecord, ProcessedStore } from "./processed-store";
import type { RetryPolicy } from "./retry-schedule";

export interface TopicRoute {
  topic: string;
  dltTopic: string;
  handler: OfferHandler;
}

export interface WorkerOptions {
  brokers: string[];
  groupId: string;
  /**
   * The same in every instance of the group: partition P of topic T is written with `<prefix>-T-P`, so whoever takes
   * the partition over (a restart, another instance) fences the one before and ends the transaction it left open.
   */
  transactionalIdPrefix: string;
  routes: TopicRoute[];
  fixed: boolean;
  maxInFlight: number;
  /** Messages per transaction at most. */
  chunkSize: number;
  handlerTimeoutMs: number;
  retry: RetryPolicy;
  sessionTimeoutMs: number;
  /** Fault injection: holds each transaction open this long before committing (widens a test's crash window). */
  commitDelayMs: number;
  store: ProcessedStore;
  metrics: ConsumerMetrics;
  log: Logger;
}

export type WorkerState = "starting" | "running" | "stopping" | "stopped" | "failed";

interface Item {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
  timestamp: string;
  messageId: string | null;
  redriveId: string | null;
  /** The identity a processed message is remembered by: its message id, else its coordinates. */
  messageKey: string;
}

type ItemOutcome = Outcome | { status: "duplicate" };
type Failure = { item: Item; outcome: Extract<Outcome, { status: "failed" }> };

const CONCURRENT_TRANSACTION_ATTEMPTS = 20;
/**
 * How long one transaction (or a producer's setup) may take before the producer is given up and set up again.
 * kafkajs leaves a transactional producer unusable when a broker goes away mid-transaction (tulios/kafkajs#1416:
 * a failed EndTxn leaves it "committing" for good), and its retries can outlast the broker's own transaction
 * timeout; a fresh producer with the same transactional id ends whatever the old one left open.
 */
const TRANSACTION_DEADLINE_MS = 20_000;

class TransactionStalledError extends Error {
  readonly name = "TransactionStalledError";
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class OfferWorker {
  state: WorkerState = "starting";
  assignment: Record<string, number[]> = {};
  private readonly kafka: Kafka;
  private consumer?: Consumer;
  private admin?: Admin;
  /** Per topic-partition being consumed, its transactional producer, set up and fenced in (see the top). */
  private readonly producers = new Map<string, Promise<Producer>>();
  private readonly dltPartitions = new Map<string, number>();
  /**
   * Per topic-partition, the offset committed up to, by this instance or (read back when its producer is set up)
   * by the one before: a re-sent batch, or one fetched before the former owner's last commit, never reaches the DLT twice.
   */
  private readonly committed = new Map<string, bigint>();
  private fatal?: (error: Error) => void;

  constructor(private readonly options: WorkerOptions) {
    this.kafka = new Kafka({
      clientId: `redrive-demo-consumer-${options.groupId}`,
      brokers: options.brokers,
      logCreator: kafkaLogCreator(options.log),
    });
  }

  /** Called once when the consumer crashes in a way kafkajs will not restart from. */
  onFatal(handler: (error: Error) => void): void {
    this.fatal = handler;
  }

  async start(): Promise<void> {
    const { groupId, routes, sessionTimeoutMs, log } = this.options;
    this.admin = this.kafka.admin();
    await this.admin.connect();
    await this.prepareTopics();
    // A short session: a killed instance's partitions move to a live one (or its restart) within seconds.
    const consumer = this.kafka.consumer({
      groupId,
      readUncommitted: false,
      allowAutoTopicCreation: false,
      sessionTimeout: sessionTimeoutMs,
      rebalanceTimeout: sessionTimeoutMs,
      heartbeatInterval: Math.min(3_000, sessionTimeoutMs / 3),
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.assignment = payload.memberAssignment;
      if (this.state === "starting") this.state = "running";
      // Nothing is consumed during a join, so no producer is in use: let go of the partitions this one lost.
      for (const tp of this.producers.keys()) {
        const [topic, partition] = splitSlot(tp);
        if (!payload.memberAssignment[topic]?.includes(partition)) void this.dropProducer(tp);
      }
      log.info({ assignment: payload.memberAssignment }, "joined the group");
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      log.error({ err: payload.error.message, restart: payload.restart }, "consumer crashed");
      if (!payload.restart) {
        this.state = "failed";
        this.fatal?.(payload.error);
      }
    });
    await consumer.connect();
    // fromBeginning: a new group starts at the earliest offset; an existing one at its committed offsets.
    await consumer.subscribe({ topics: routes.map((r) => r.topic), fromBeginning: true });
    // kafkajs retries a batch that throws and reports it only at its (silenced) ERROR level: say so here. The error
    // is passed on as it is, so kafkajs still sees a rebalance or an unknown member and rejoins.
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) =>
        this.consumeBatch(payload).catch((error: unknown) => {
          log.warn(
            { topic: payload.batch.topic, partition: payload.batch.partition, err: errorMessage(error) },
            "batch failed; kafkajs retries it",
          );
          throw error;
        }),
    });
  }

  /** Stops fetching, lets the messages in hand finish and commits them, then leaves the group. */
  async stop(): Promise<void> {
    if (this.state === "stopping" || this.state === "stopped") return;
    this.state = "stopping";
    await this.consumer?.disconnect();
    await Promise.all([...this.producers.keys()].map((tp) => this.dropProducer(tp)));
    await this.admin?.disconnect();
    this.state = "stopped";
  }

  private async prepareTopics(): Promise<void> {
    const admin = this.admin!;
    const existing = new Set(await admin.listTopics());
    const missing = this.options.routes.filter((r) => !existing.has(r.topic)).map((r) => r.topic);
    if (missing.length > 0)
      throw new Error(`topic ${missing.join(", ")} does not exist; create it first (npm run demo creates the demo topics)`);
    const { topics } = await admin.fetchTopicMetadata({ topics: this.options.routes.map((r) => r.topic) });
    const partitionsOf = new Map(topics.map((t) => [t.name, t.partitions.length]));
    // Like Spring's recoverer, a failed record goes to the same partition number of the DLT, so the DLT gets as many.
    const newDlts = this.options.routes.filter((r) => !existing.has(r.dltTopic));
    if (newDlts.length > 0) {
      await admin.createTopics({
        topics: newDlts.map((r) => ({ topic: r.dltTopic, numPartitions: partitionsOf.get(r.topic) ?? 1 })),
        waitForLeaders: true,
      });
    }
    const dlts = await admin.fetchTopicMetadata({ topics: this.options.routes.map((r) => r.dltTopic) });
    for (const t of dlts.topics) this.dltPartitions.set(t.name, t.partitions.length);
  }

  /**
   * The partition's producer, set up on first use: kafkajs registers the transactional id on the first transaction,
   * so an empty one fences the partition's former writer (and ends, or waits out, the transaction it left open);
   * then the group's committed offset is final, and is read again into `committed`.
   */
  private producerFor(topic: string, partition: number): Promise<Producer> {
    const tp = `${topic}/${partition}`;
    let producer = this.producers.get(tp);
    if (!producer) {
      const setUp = this.setUpProducer(topic, partition);
      const bounded = withDeadline(setUp, `setting up the producer of ${tp}`);
      // A setup that failed or stalled is forgotten, so the replay tries again (one that finishes late is closed).
      bounded.catch(() => {
        if (this.producers.get(tp) === bounded) this.producers.delete(tp);
        void setUp.then((late) => late.disconnect()).catch(() => undefined);
      });
      this.producers.set(tp, bounded);
      producer = bounded;
    }
    return producer;
  }

  private async setUpProducer(topic: string, partition: number): Promise<Producer> {
    const { groupId, transactionalIdPrefix } = this.options;
    // Transactions stay short (one chunk), so a crashed instance that never comes back blocks read_committed
    // readers of its DLTs for 30 s at most before the broker aborts its transaction.
    const producer = this.kafka.producer({
      transactionalId: `${transactionalIdPrefix}-${topic}-${partition}`,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: 30_000,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    try {
      await producer.connect();
      await (await producer.transaction()).abort();
      const [offsets] = await this.admin!.fetchOffsets({ groupId, topics: [topic] });
      const committed = BigInt(offsets?.partitions.find((p) => p.partition === partition)?.offset ?? "-1");
      if (committed >= 0n) this.committed.set(`${topic}/${partition}`, committed);
      return producer;
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  /** Gives a partition's producer up (after a failure, or when the partition has gone to another member). */
  private async dropProducer(tp: string): Promise<void> {
    const producer = this.producers.get(tp);
    if (!producer) return;
    this.producers.delete(tp);
    const ready = await producer.catch(() => null);
    await ready?.disconnect().catch(() => undefined);
  }

  private async consumeBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const route = this.options.routes.find((r) => r.topic === batch.topic)!;
    const tp = `${batch.topic}/${batch.partition}`;
    const { chunkSize } = this.options;
    for (let from = 0; from < batch.messages.length; from += chunkSize) {
      if (!isRunning() || isStale() || this.state === "stopping") return;
      const producer = await this.producerFor(batch.topic, batch.partition).catch((error: unknown) => {
        throw retriable(error);
      });
      const committedUpTo = this.committed.get(tp) ?? -1n;
      const chunk = batch.messages.slice(from, from + chunkSize).filter((m) => BigInt(m.offset) >= committedUpTo);
      if (chunk.length === 0) continue;
      const next = await this.handleChunk(route, batch.partition, producer, chunk, heartbeat, isStale);
      if (next === null) return;
      this.committed.set(tp, next);
      resolveOffset((next - 1n).toString());
      await heartbeat();
    }
  }

  private toItem(topic: string, partition: number, message: KafkaMessage): Item {
    const headers = consumedHeaders(message);
    const messageId = lastHeaderText(headers, MESSAGE_ID_HEADER);
    return {
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers,
      timestamp: message.timestamp,
      messageId,
      redriveId: lastHeaderText(headers, REDRIVE_ID_HEADER),
      messageKey: messageId ? `id:${messageId}` : `at:${topic}/${partition}/${message.offset}`,
    };
  }

  /** Processes one chunk and commits it; returns the next offset to read, or null when nothing was committed. */
  private async handleChunk(
    route: TopicRoute,
    partition: number,
    producer: Producer,
    messages: KafkaMessage[],
    heartbeat: () => Promise<void>,
    isStale: () => boolean,
  ): Promise<bigint | null> {
    const { groupId, store, metrics, maxInFlight, fixed, handlerTimeoutMs, retry } = this.options;
    const items = messages.map((m) => this.toItem(route.topic, partition, m));
    const seen = await store.seen(
      groupId,
      items.map((i) => i.messageKey),
      items.flatMap((i) => (i.redriveId ? [i.redriveId] : [])),
    );
    const outcomes: ItemOutcome[] = [];
    const isKnown = (item: Item) => seen.has(item.messageKey) || (item.redriveId !== null && seen.has(item.redriveId));

    // Copies of one message share its key and so its lane: the second one sees the first one's success.
    await runInLanes(
      items,
      (item) => item.key?.toString("base64") ?? item.messageKey,
      maxInFlight,
      async (item, index) => {
        const started = performance.now();
        if (isKnown(item)) {
          outcomes[index] = { status: "duplicate" };
        } else {
          metrics.inFlight.inc();
          try {
            outcomes[index] = await processRecord(item.value, route.handler, {
              timeoutMs: handlerTimeoutMs,
              retry,
              fixed,
              onAttemptFailed: (error) => metrics.failedAttempts.inc({ topic: route.topic, error: error.name }),
            });
          } finally {
            metrics.inFlight.dec();
          }
          if (outcomes[index]!.status === "processed") for (const id of [item.messageKey, item.redriveId]) if (id) seen.add(id);
        }
        metrics.processingSeconds.observe({ topic: route.topic, outcome: outcomes[index]!.status }, (performance.now() - started) / 1000);
        await heartbeat();
      },
      () => this.state === "stopping",
    );

    // On shutdown some items never started; commit the run of settled ones from the start of the chunk.
    let settled = 0;
    while (settled < items.length && outcomes[settled]) settled++;
    if (settled === 0) return null;
    const handled = items.slice(0, settled).map((item, i) => ({ item, outcome: outcomes[i]! }));

    const records: ProcessedRecord[] = handled.flatMap(({ item, outcome }) =>
      outcome.status === "processed" && item.value !== null
        ? [
            {
              groupId,
              messageKey: item.messageKey,
              messageId: item.messageId,
              redriveId: item.redriveId,
              topic: route.topic,
              partition,
              offset: item.offset,
              key: item.key,
              value: item.value,
              headers: item.headers,
              attempts: outcome.attempts,
              fixed,
            },
          ]
        : [],
    );
    const inserted = await store.insert(records);
    metrics.processed.inc({ topic: route.topic }, inserted.size);
    // The partition has moved to another member: its offsets are that member's to commit now. It replays this chunk,
    // finds what was just stored, and does not apply it again.
    if (isStale()) return null;

    const failures = handled.flatMap(({ item, outcome }) => (outcome.status === "failed" ? [{ item, outcome }] : []));
    const next = BigInt(handled.at(-1)!.item.offset) + 1n;
    try {
      await this.commitChunk(route, partition, producer, failures, next);
    } catch (error) {
      // Whether the transaction committed is unknown, and kafkajs may have left the producer unusable: a new one
      // ends the transaction for good and reads back the offset it committed, if it did.
      await this.dropProducer(`${route.topic}/${partition}`);
      throw retriable(error);
    }

    metrics.duplicates.inc(
      { topic: route.topic },
      handled.filter(({ outcome }) => outcome.status === "duplicate").length + records.length - inserted.size,
    );
    for (const { outcome } of failures) metrics.deadLettered.inc({ topic: route.topic, exception: outcome.failure.exceptionClass });
    if (failures.length > 0)
      this.options.log.info(
        { topic: route.topic, partition, failed: failures.length, dlt: route.dltTopic },
        "sent failed messages to the DLT",
      );
    return next;
  }

  /**
   * Right after a commit the broker may still be writing that transaction's markers and refuse to start the next
   * one with CONCURRENT_TRANSACTIONS; Java's producer retries that, kafkajs does not. Nothing of a refused
   * transaction is visible, so it is started again after a short wait.
   */
  private async commitChunk(route: TopicRoute, partition: number, producer: Producer, failures: Failure[], next: bigint): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await withDeadline(
          this.commitChunkOnce(route, partition, producer, failures, next),
          `the transaction of ${route.topic}/${partition}`,
          this.options.commitDelayMs,
        );
      } catch (error) {
        if (!isBrokerError(error, "CONCURRENT_TRANSACTIONS") || attempt >= CONCURRENT_TRANSACTION_ATTEMPTS) throw error;
        await sleep(Math.min(10 * 2 ** attempt, 500));
      }
    }
  }

  private async commitChunkOnce(
    route: TopicRoute,
    partition: number,
    producer: Producer,
    failures: Failure[],
    next: bigint,
  ): Promise<void> {
    const { groupId, commitDelayMs } = this.options;
    const transaction = await producer.transaction();
    try {
      if (failures.length > 0) {
        const dltPartition = partition % (this.dltPartitions.get(route.dltTopic) ?? 1);
        const messages = failures.map(({ item, outcome }) =>
          messageWithHeaders({ partition: dltPartition, key: item.key, value: item.value }, [
            // Spring copies the original record's headers (x-message-id, x-redrive-*) before adding its own.
            ...item.headers,
            ...dltHeaders({
              originalTopic: route.topic,
              originalPartition: partition,
              originalOffset: BigInt(item.offset),
              originalTimestamp: BigInt(item.timestamp),
              consumerGroup: groupId,
              attempts: outcome.attempts,
              ...outcome.failure,
            }),
          ]),
        );
        await transaction.send({ topic: route.dltTopic, acks: -1, messages });
      }
      await transaction.sendOffsets({
        consumerGroupId: groupId,
        topics: [{ topic: route.topic, partitions: [{ partition, offset: next.toString() }] }],
      });
      if (commitDelayMs > 0) await sleep(commitDelayMs);
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      throw error;
    }
  }
}

/**
 * A producer's failure, made one kafkajs retries the batch on: kafkajs calls some final (a fenced producer), which
 * would stop the consumer for good, but the producer has been given up and the replay sets up a new one.
 */
function retriable(error: unknown): KafkaJSError {
  return new KafkaJSError(errorMessage(error), { retriable: true });
}

function splitSlot(tp: string): [string, number] {
  const at = tp.lastIndexOf("/");
  return [tp.slice(0, at), Number(tp.slice(at + 1))];
}

/** `work`, or a TransactionStalledError once it has taken longer than the deadline (plus `extraMs`). */
async function withDeadline<T>(work: Promise<T>, what: string, extraMs = 0): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new TransactionStalledError(`${what} did not finish within ${(TRANSACTION_DEADLINE_MS + extraMs) / 1000} s`)),
      TRANSACTION_DEADLINE_MS + extraMs,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
