// The DLQ-aware consumer: reads its topics read_committed with manual commits, processes each chunk of a batch
// (bounded in flight), stores what succeeded, then writes what failed to the DLT and commits the chunk's offset
// in ONE Kafka transaction. A crash anywhere replays at most the open chunk: the aborted transaction's DLT
// records are never visible to a read_committed reader, and the store's identity keys keep a replayed success
// from being applied twice.
import { Kafka, Partitioners, type Consumer, type EachBatchPayload, type KafkaMessage, type Producer } from "kafkajs";
import type { Logger } from "pino";
import { kafkaLogCreator } from "../demo-log";
import { isBrokerError } from "../kafka-errors";
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
  /** Stable per instance: a restarted instance fences its predecessor and aborts the transaction it left open. */
  transactionalId: string;
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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class OfferWorker {
  state: WorkerState = "starting";
  assignment: Record<string, number[]> = {};
  private readonly kafka: Kafka;
  private consumer?: Consumer;
  private producer?: Producer;
  private readonly dltPartitions = new Map<string, number>();
  /** Per topic-partition, the offset this instance committed up to: a re-sent batch never reaches the DLT twice. */
  private readonly committed = new Map<string, bigint>();
  private fatal?: (error: Error) => void;

  constructor(private readonly options: WorkerOptions) {
    this.kafka = new Kafka({ clientId: `redrive-demo-consumer-${options.groupId}`, brokers: options.brokers, logCreator: kafkaLogCreator(options.log) });
  }

  /** Called once when the consumer crashes in a way kafkajs will not restart from. */
  onFatal(handler: (error: Error) => void): void {
    this.fatal = handler;
  }

  async start(): Promise<void> {
    const { groupId, routes, transactionalId, sessionTimeoutMs, log } = this.options;
    await this.prepareTopics();
    // Transactions stay short (one chunk), so a crashed instance that never comes back blocks read_committed
    // readers of its DLTs for 30 s at most before the broker aborts its transaction.
    this.producer = this.kafka.producer({
      transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: 30_000,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.producer.connect();
    // A short session: a killed instance's partitions move to a live one (or its restart) within seconds.
    const consumer = this.kafka.consumer({ groupId, readUncommitted: false, allowAutoTopicCreation: false, sessionTimeout: sessionTimeoutMs, rebalanceTimeout: sessionTimeoutMs, heartbeatInterval: Math.min(3_000, sessionTimeoutMs / 3) });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.assignment = payload.memberAssignment;
      if (this.state === "starting") this.state = "running";
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
    // kafkajs retries a batch that throws and reports it only at its (silenced) ERROR level: say so here.
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) =>
        this.consumeBatch(payload).catch((error: unknown) => {
          log.warn({ topic: payload.batch.topic, partition: payload.batch.partition, err: error instanceof Error ? error.message : String(error) }, "batch failed; kafkajs retries it");
          throw error;
        }),
    });
  }

  /** Stops fetching, lets the messages in hand finish and commits them, then leaves the group. */
  async stop(): Promise<void> {
    if (this.state === "stopping" || this.state === "stopped") return;
    this.state = "stopping";
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
    this.state = "stopped";
  }

  private async prepareTopics(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = this.options.routes.filter((r) => !existing.has(r.topic)).map((r) => r.topic);
      if (missing.length > 0) throw new Error(`topic ${missing.join(", ")} does not exist; create it first (npm run demo creates the demo topics)`);
      const { topics } = await admin.fetchTopicMetadata({ topics: this.options.routes.map((r) => r.topic) });
      const partitionsOf = new Map(topics.map((t) => [t.name, t.partitions.length]));
      // Like Spring's recoverer, a failed record goes to the same partition number of the DLT, so the DLT gets as many.
      const newDlts = this.options.routes.filter((r) => !existing.has(r.dltTopic));
      if (newDlts.length > 0) {
        await admin.createTopics({ topics: newDlts.map((r) => ({ topic: r.dltTopic, numPartitions: partitionsOf.get(r.topic) ?? 1 })), waitForLeaders: true });
      }
      const dlts = await admin.fetchTopicMetadata({ topics: this.options.routes.map((r) => r.dltTopic) });
      for (const t of dlts.topics) this.dltPartitions.set(t.name, t.partitions.length);
    } finally {
      await admin.disconnect();
    }
  }

  private async consumeBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const route = this.options.routes.find((r) => r.topic === batch.topic)!;
    const tp = `${batch.topic}/${batch.partition}`;
    const { chunkSize } = this.options;
    for (let from = 0; from < batch.messages.length; from += chunkSize) {
      if (!isRunning() || isStale() || this.state === "stopping") return;
      const committedUpTo = this.committed.get(tp) ?? -1n;
      const chunk = batch.messages.slice(from, from + chunkSize).filter((m) => BigInt(m.offset) >= committedUpTo);
      if (chunk.length === 0) continue;
      const next = await this.handleChunk(route, batch.partition, chunk, heartbeat, isStale);
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
  private async handleChunk(route: TopicRoute, partition: number, messages: KafkaMessage[], heartbeat: () => Promise<void>, isStale: () => boolean): Promise<bigint | null> {
    const { groupId, store, metrics, maxInFlight, fixed, handlerTimeoutMs, retry } = this.options;
    const items = messages.map((m) => this.toItem(route.topic, partition, m));
    const seen = await store.seen(groupId, items.map((i) => i.messageKey), items.flatMap((i) => (i.redriveId ? [i.redriveId] : [])));
    const outcomes: ItemOutcome[] = [];
    const isKnown = (item: Item) => seen.has(item.messageKey) || (item.redriveId !== null && seen.has(item.redriveId));

    // Copies of one message share its key and so its lane: the second one sees the first one's success.
    await runInLanes(items, (item) => item.key?.toString("base64") ?? item.messageKey, maxInFlight, async (item, index) => {
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
    }, () => this.state === "stopping");

    // On shutdown some items never started; commit the run of settled ones from the start of the chunk.
    let settled = 0;
    while (settled < items.length && outcomes[settled]) settled++;
    if (settled === 0) return null;
    const handled = items.slice(0, settled).map((item, i) => ({ item, outcome: outcomes[i]! }));

    const records: ProcessedRecord[] = handled.flatMap(({ item, outcome }) =>
      outcome.status === "processed" && item.value !== null
        ? [{ groupId, messageKey: item.messageKey, messageId: item.messageId, redriveId: item.redriveId, topic: route.topic, partition, offset: item.offset, key: item.key, value: item.value, headers: item.headers, attempts: outcome.attempts, fixed }]
        : [],
    );
    const inserted = await store.insert(records);
    metrics.processed.inc({ topic: route.topic }, inserted.size);
    // The partition has moved to another member: its offsets are that member's to commit now. It replays this chunk,
    // finds what was just stored, and does not apply it again.
    if (isStale()) return null;

    const failures = handled.flatMap(({ item, outcome }) => (outcome.status === "failed" ? [{ item, outcome }] : []));
    const next = BigInt(handled.at(-1)!.item.offset) + 1n;
    await this.commitChunk(route, partition, failures, next);

    metrics.duplicates.inc({ topic: route.topic }, handled.filter(({ outcome }) => outcome.status === "duplicate").length + records.length - inserted.size);
    for (const { outcome } of failures) metrics.deadLettered.inc({ topic: route.topic, exception: outcome.failure.exceptionClass });
    if (failures.length > 0) this.options.log.info({ topic: route.topic, partition, failed: failures.length, dlt: route.dltTopic }, "sent failed messages to the DLT");
    return next;
  }

  /**
   * Right after a commit the broker may still be writing that transaction's markers and refuse to start the next
   * one with CONCURRENT_TRANSACTIONS; Java's producer retries that, kafkajs does not. Nothing of a refused
   * transaction is visible, so it is started again after a short wait.
   */
  private async commitChunk(route: TopicRoute, partition: number, failures: Failure[], next: bigint): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.commitChunkOnce(route, partition, failures, next);
      } catch (error) {
        if (!isBrokerError(error, "CONCURRENT_TRANSACTIONS") || attempt >= CONCURRENT_TRANSACTION_ATTEMPTS) throw error;
        await sleep(Math.min(10 * 2 ** attempt, 500));
      }
    }
  }

  private async commitChunkOnce(route: TopicRoute, partition: number, failures: Failure[], next: bigint): Promise<void> {
    const { groupId, commitDelayMs } = this.options;
    const transaction = await this.producer!.transaction();
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
      await transaction.sendOffsets({ consumerGroupId: groupId, topics: [{ topic: route.topic, partitions: [{ partition, offset: next.toString() }] }] });
      if (commitDelayMs > 0) await sleep(commitDelayMs);
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      throw error;
    }
  }
}
