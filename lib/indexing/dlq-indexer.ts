// The indexer: one consumer group ("redrive-indexer") reading every DLQ topic of a cluster and storing each
// record before committing its offset, so a crash loses nothing and a replay duplicates nothing. It looks for
// new DLQ topics periodically and rejoins with them; several instances share the work as one group.
// Storing is pipelined with fetching: kafkajs fetches a partition's next batch only once eachBatch returns, so a
// batch is handed to a per-partition store queue (one batch stored at a time, one waiting) and eachBatch returns
// at once; its offset is committed when it is stored. A failed store rewinds the partition to the failed batch.
// Kafka and the store come in through ports (ports.ts); cluster-indexer.ts wires lib/kafka and lib/store to them.
import { dlqRow, type DlqRow } from "@/lib/dlq/dlq-row";
import type { CustomHeaderMapping } from "@/lib/dlq/parse-failure";
import { RecreatedTopicError } from "@/lib/dlq/recreated-topic-error";
import { log } from "@/lib/log";
import type { IndexerStatus } from "./indexer-status";
import type { DlqSource, IndexStore, SourceBatch, SourceConsumer } from "./ports";
import { RecreatedTopics } from "./recreated-topics";

const STORE_RETRY_DELAY_MS = 1_000;
/** How often a batch waiting for its partition's previous store heartbeats (the consumer's heartbeat interval). */
const HEARTBEAT_WHILE_WAITING_MS = 1_000;
/** How long a join may take before the next discovery gives up on it and joins afresh. */
const JOIN_PATIENCE_MS = 20_000;

/**
 * Waits for `done`, heartbeating meanwhile. A batch waiting for the one before it to be stored holds up its partition's
 * fetching, and with every partition waiting nothing else heartbeats: a store slower than the session timeout (a
 * whole partition in one batch, on a busy store) would get the member dropped from the group, and every commit refused
 * as from a member the coordinator does not know. A heartbeat that fails (a rebalance, a dropped member) is thrown to
 * kafkajs, which rejoins.
 */
async function whileHeartbeating(done: Promise<void>, heartbeat: () => Promise<void>): Promise<void> {
  let finished = false;
  const settled = done.finally(() => void (finished = true));
  while (!finished) {
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, HEARTBEAT_WHILE_WAITING_MS))]);
    if (!finished) await heartbeat();
  }
}

export interface DlqIndexerOptions {
  clusterId: string;
  /** The cluster's DLQ topics, read through its consumer group. */
  source: DlqSource;
  store: IndexStore;
  groupId?: string;
  discoveryIntervalMs?: number;
  customMappings?: readonly CustomHeaderMapping[];
  /** How long a held-back partition of a recreated DLQ topic rests between reads (30 s). */
  recreatedRetryMs?: number;
}

interface PartitionStore {
  done: Promise<void>;
  /** Set when the store failed: the offset the partition is read again from. */
  failedAt?: string;
}

export class DlqIndexer {
  private consumer?: SourceConsumer;
  private topics: string[] = [];
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** When the current consumer started joining, until it has joined. */
  private joiningSince?: number;
  private discovering: Promise<void> = Promise.resolve();
  /** Per topic-partition ("topic/partition"), the batch being stored, or the one whose store failed. */
  private readonly storing = new Map<string, PartitionStore>();
  private readonly log = log.child({ component: "dlq-indexer" });
  private failure: { message: string; at: Date; since: Date; source: "discovery" | "consumer" } | null = null;
  private readonly recreated: RecreatedTopics;

  constructor(private readonly options: DlqIndexerOptions) {
    this.recreated = new RecreatedTopics({
      cluster: options.clusterId,
      store: options.store,
      source: options.source,
      retryMs: options.recreatedRetryMs,
      log: this.log,
    });
  }

  get groupId(): string {
    return this.options.groupId ?? "redrive-indexer";
  }

  get clusterId(): string {
    return this.options.clusterId;
  }

  status(): IndexerStatus {
    const failure = this.failure;
    const heldBack = this.recreated.heldBack();
    return {
      state: failure ? "failing" : "indexing",
      topics: this.topics.length,
      lastError: failure?.message ?? null,
      lastErrorAt: failure?.at ?? null,
      failingSince: failure?.since ?? null,
      heldBack,
    };
  }

  private failed(error: unknown, source: "discovery" | "consumer"): void {
    const now = new Date();
    this.failure = { message: this.options.source.describeFailure(error), at: now, since: this.failure?.since ?? now, source };
  }

  /** A step that got through: a join or a stored batch clears any failure; a discovery, its own kind. */
  private recovered(source?: "discovery"): void {
    if (!source || this.failure?.source === source) this.failure = null;
  }

  /** Starts reading; if Kafka does not answer yet, keeps trying on every discovery tick instead of failing. */
  async start(): Promise<void> {
    this.timer = setInterval(() => void this.scheduleDiscovery(), this.options.discoveryIntervalMs ?? 30_000);
    this.timer.unref();
    this.options.store.searchIndexer.start();
    await this.scheduleDiscovery();
  }

  private scheduleDiscovery(): Promise<void> {
    this.discovering = this.discovering
      .then(() => this.discover())
      .catch((error: unknown) => {
        this.failed(error, "discovery");
        this.log.warn({ err: error instanceof Error ? error.message : String(error) }, "DLQ topic discovery failed; retrying");
      });
    return this.discovering;
  }

  /**
   * Stops reading: batches fetched from now on are left for whoever reads the partition next; those already handed over
   * are stored and their offsets committed while the consumer is still in the group, then it leaves.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.discovering.catch(() => undefined);
    await Promise.all([...this.storing.values()].map((entry) => entry.done));
    await this.consumer?.disconnect();
    this.consumer = undefined;
    await this.options.store.searchIndexer.stop();
  }

  /** Joins with the current DLQ topics when they differ from the ones being read. */
  private async discover(): Promise<void> {
    // Leaving in the middle of a join strands a pending member the coordinator then waits for; let the join
    // finish (or time out) before joining again with a newer topic list.
    if (this.stopped || (this.joiningSince !== undefined && Date.now() - this.joiningSince < JOIN_PATIENCE_MS)) return;
    const { source } = this.options;
    const topics = (await source.dlqTopics()).sort();
    // Kafka answered: a failed discovery is over. With no DLQ to read nothing else can fail; with DLQs, only a join
    // or a stored batch says the consumer is well.
    this.recovered(topics.length === 0 ? undefined : "discovery");
    this.recreated.keepOnly(topics);
    if (topics.join("\n") === this.topics.join("\n")) {
      if (this.consumer)
        await this.recreated
          .findEnded(this.consumer, topics)
          .catch((error: unknown) => this.log.debug({ err: String(error) }, "looking for recreated DLQ topics failed"));
      return;
    }
    // The old consumer may be mid-fetch or mid-batch; waiting for it to finish can take long, and a newly created
    // DLQ should not wait on that. Give it a few seconds to leave the group, then carry on without it.
    const previous = this.consumer;
    this.consumer = undefined;
    if (previous) await Promise.race([previous.disconnect().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 3_000))]);
    this.topics = topics;
    // A failed store's rewind belonged to the old consumer; the new one starts from the committed offsets.
    for (const [key, entry] of this.storing) if (entry.failedAt !== undefined) this.storing.delete(key);
    if (topics.length === 0 || this.stopped) return;
    const consumer = source.consumer(this.groupId);
    this.joiningSince = Date.now();
    consumer.onJoin(() => {
      this.joiningSince = undefined;
      this.recovered();
    });
    // A crash kafkajs will not restart from (say, a topic deleted under it) is mended by the next discovery,
    // which then sees a topic list that differs from the one being read and joins afresh.
    consumer.onCrash((error, restart) => {
      this.failed(error, "consumer");
      this.log.warn({ err: error.message, restart }, "DLQ indexer consumer crashed");
      if (!restart && this.consumer === consumer) {
        this.topics = [];
        this.joiningSince = undefined;
      }
    });
    // A fetch of only transaction markers or aborted records never reaches eachBatch; kafkajs moves its position past
    // them, and the group's committed offset must follow, or the indexer's lag on a DLQ written in transactions
    // (Spring Kafka, Kafka Streams with exactly-once, the demo's consumer) would never come back to 0.
    consumer.onNothingFetched((topic, partition, lastOffset) => {
      if (this.consumer === consumer) this.commitPast(consumer, topic, partition, lastOffset);
    });
    // Ours from the start: a crash during the first join (a group Redrive may not use) must reach the handler above,
    // which lets the next discovery join afresh.
    this.consumer = consumer;
    try {
      // Partitions are stored concurrently: on PostgreSQL each batch gets its own connection and core.
      await consumer.run(topics, (batch) => this.indexBatch(consumer, batch));
    } catch (error) {
      // Not joined: the next discovery tries again instead of taking the topics for read.
      if (this.consumer === consumer) {
        this.consumer = undefined;
        this.topics = [];
        this.joiningSince = undefined;
      }
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.log.info({ topics }, "indexing DLQ topics");
  }

  private async indexBatch(consumer: SourceConsumer, batch: SourceBatch): Promise<void> {
    const { resolveOffset, heartbeat, isRunning, isStale } = batch;
    const first = batch.records[0];
    const last = batch.records.at(-1);
    if (!first || !last || this.stopped || !isRunning() || isStale()) return;
    const { topic, partition } = batch;
    const key = `${topic}/${partition}`;
    const rows = this.rowsOf(batch);
    // Past the last record: a transaction's commit marker (or aborted records) after it belong to no record.
    const through = batch.lastOffset();
    // One batch of a partition is stored at a time, so offsets are committed in order and a slow store holds
    // back the partition's fetching (no unbounded backlog in memory).
    const previous = this.storing.get(key);
    if (previous) {
      await whileHeartbeating(previous.done, heartbeat);
      if (previous.failedAt !== undefined && BigInt(first.offset) > BigInt(previous.failedAt)) {
        // Records before this batch are not stored: they are read again first (the failed store rewound the
        // partition; this batch was fetched before that took effect).
        if (!isStale()) consumer.seek(topic, partition, previous.failedAt);
        return;
      }
    }
    // Stopping: not stored, not committed; the partition's next reader reads it.
    if (this.stopped || !isRunning() || isStale()) return;
    const entry: PartitionStore = { done: Promise.resolve() };
    entry.done = this.storeAndCommit(consumer, topic, partition, rows, first.offset, through).then((failedAt) => {
      if (failedAt !== undefined) entry.failedAt = failedAt;
      else if (this.storing.get(key) === entry) this.storing.delete(key);
    });
    this.storing.set(key, entry);
    // Lets kafkajs fetch past this batch while it is stored; the group's committed offset still waits for the store.
    resolveOffset(last.offset);
    await heartbeat();
  }

  /** Commits past records there is nothing to store for, in turn with the partition's batches being stored. */
  private commitPast(consumer: SourceConsumer, topic: string, partition: number, lastOffset: string): void {
    const key = `${topic}/${partition}`;
    const previous = this.storing.get(key);
    const entry: PartitionStore = { done: Promise.resolve() };
    entry.done = (async () => {
      await previous?.done;
      // The partition is read again from a failed store's batch, before these records.
      if (previous?.failedAt !== undefined) return void (entry.failedAt = previous.failedAt);
      await this.commitPastOffset(consumer, topic, partition, lastOffset);
      if (this.storing.get(key) === entry) this.storing.delete(key);
    })();
    this.storing.set(key, entry);
  }

  /**
   * Stores the rows and then commits past them. When storing fails nothing is committed and the partition is
   * rewound to the batch (after a pause, so a store that is down is not hammered); returns where it was rewound to.
   */
  private async storeAndCommit(
    consumer: SourceConsumer,
    topic: string,
    partition: number,
    rows: DlqRow[],
    firstOffset: string,
    lastOffset: string,
  ): Promise<string | undefined> {
    try {
      // A batch can hold a whole partition (tens of thousands of records, minutes of storing on a busy store): the
      // group moves past each stored chunk, so a crash or rebalance meanwhile does not send it back to the start.
      await this.options.store.storeRows(rows, (row) => this.commitPastOffset(consumer, topic, partition, row.offset.toString()));
    } catch (error) {
      if (error instanceof RecreatedTopicError) return this.recreated.holdConflict(consumer, error, firstOffset);
      this.failed(new Error(`storing DLQ records failed: ${error instanceof Error ? error.message : String(error)}`), "consumer");
      this.log.warn(
        { err: error instanceof Error ? error.message : String(error), topic, partition },
        "storing DLQ records failed; reading them again",
      );
      await new Promise((resolve) => setTimeout(resolve, STORE_RETRY_DELAY_MS));
      try {
        // kafkajs has already fetched past the batch; without this, a quiet partition would never bring it back.
        consumer.seek(topic, partition, firstOffset);
      } catch {
        // The consumer stopped meanwhile; the next one starts from the committed offset, before this batch.
      }
      return firstOffset;
    }
    this.recovered();
    this.recreated.stored(topic, partition);
    // Only now that the rows are stored does the group move past them.
    await this.commitPastOffset(consumer, topic, partition, lastOffset);
    return undefined;
  }

  /**
   * Moves the group past `lastOffset`. A commit refused because the partition moved to another member in the
   * meantime is harmless: the new owner reads those records again, and storing them again changes nothing.
   */
  private commitPastOffset(consumer: SourceConsumer, topic: string, partition: number, lastOffset: string): Promise<void> {
    return consumer
      .commit(topic, partition, (BigInt(lastOffset) + 1n).toString())
      .catch((error: unknown) =>
        this.log.warn(
          { err: error instanceof Error ? error.message : String(error), topic, partition, offset: lastOffset },
          "offset commit refused; the records are read and stored again",
        ),
      );
  }

  private rowsOf(batch: SourceBatch): DlqRow[] {
    const { clusterId, customMappings } = this.options;
    return batch.records.map((record) =>
      dlqRow(
        {
          cluster: clusterId,
          topic: batch.topic,
          partition: batch.partition,
          offset: BigInt(record.offset),
          timestampMs: BigInt(record.timestamp),
          key: record.key,
          value: record.value,
          headers: record.headers,
        },
        customMappings,
      ),
    );
  }
}
