// The indexer: one consumer group ("redrive-indexer") reading every DLQ topic of a cluster and storing each
// record before committing its offset, so a crash loses nothing and a replay duplicates nothing. It looks for
// new DLQ topics periodically and rejoins with them; several instances share the work as one group.
import type { Consumer, EachBatchPayload } from "kafkajs";
import type { ClusterConfig } from "@/lib/config/clusters";
import { dlqRow } from "@/lib/dlq/dlq-row";
import type { CustomHeaderMapping } from "@/lib/dlq/parse-failure";
import { isDlqTopic } from "@/lib/dlq/topic-pattern";
import { log } from "@/lib/log";
import { storeDlqRows } from "@/lib/store/dlq-messages";
import { SearchIndexer } from "@/lib/store/dlq-search";
import type { Store } from "@/lib/store/open-store";
import { adminFor, kafkaFor } from "./clients";
import { orderedHeaders } from "./ordered-headers";

const PARTITIONS_STORED_CONCURRENTLY = 4;
/** How long a join may take before the next discovery gives up on it and joins afresh. */
const JOIN_PATIENCE_MS = 20_000;

export interface DlqIndexerOptions {
  cluster: ClusterConfig;
  store: Store;
  groupId?: string;
  discoveryIntervalMs?: number;
  customMappings?: readonly CustomHeaderMapping[];
}

export class DlqIndexer {
  private consumer?: Consumer;
  private topics: string[] = [];
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** When the current consumer started joining, until it has joined. */
  private joiningSince?: number;
  private discovering: Promise<void> = Promise.resolve();
  private readonly searchIndexer: SearchIndexer;
  private readonly log = log.child({ component: "dlq-indexer" });

  constructor(private readonly options: DlqIndexerOptions) {
    this.searchIndexer = new SearchIndexer(options.store);
  }

  get groupId(): string {
    return this.options.groupId ?? "redrive-indexer";
  }

  /** Starts reading; if Kafka does not answer yet, keeps trying on every discovery tick instead of failing. */
  async start(): Promise<void> {
    this.timer = setInterval(() => void this.scheduleDiscovery(), this.options.discoveryIntervalMs ?? 30_000);
    this.timer.unref();
    this.searchIndexer.start();
    await this.scheduleDiscovery();
  }

  private scheduleDiscovery(): Promise<void> {
    this.discovering = this.discovering
      .then(() => this.discover())
      .catch((error: unknown) => this.log.warn({ err: error instanceof Error ? error.message : String(error) }, "DLQ topic discovery failed; retrying"));
    return this.discovering;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.discovering.catch(() => undefined);
    await this.consumer?.disconnect();
    this.consumer = undefined;
    await this.searchIndexer.stop();
  }

  /** Joins with the current DLQ topics when they differ from the ones being read. */
  private async discover(): Promise<void> {
    // Leaving in the middle of a join strands a pending member the coordinator then waits for; let the join
    // finish (or time out) before joining again with a newer topic list.
    if (this.stopped || (this.joiningSince !== undefined && Date.now() - this.joiningSince < JOIN_PATIENCE_MS)) return;
    const { cluster } = this.options;
    const topics = (await (await adminFor(cluster)).listTopics()).filter((t) => isDlqTopic(t, cluster.dlqPattern)).sort();
    if (topics.join("\n") === this.topics.join("\n")) return;
    // The old consumer may be mid-fetch or mid-batch; waiting for it to finish can take long, and a newly created
    // DLQ should not wait on that. Give it a few seconds to leave the group, then carry on without it.
    const previous = this.consumer;
    this.consumer = undefined;
    if (previous) await Promise.race([previous.disconnect().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 3_000))]);
    this.topics = topics;
    if (topics.length === 0 || this.stopped) return;
    // Short session and rebalance timeouts: a member that went away without leaving (a crash, a join cut short)
    // holds up the group's next rebalance for this long, and DLQ topics come and go.
    // Never auto-create: a DLQ topic deleted while subscribed would otherwise come back on the next metadata request.
    const consumer = kafkaFor(cluster).consumer({
      groupId: this.groupId,
      readUncommitted: false,
      allowAutoTopicCreation: false,
      sessionTimeout: 10_000,
      rebalanceTimeout: 10_000,
      heartbeatInterval: 1_000,
    });
    this.joiningSince = Date.now();
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joiningSince = undefined;
    });
    // A crash kafkajs will not restart from (say, a topic deleted under it) is mended by the next discovery,
    // which then sees a topic list that differs from the one being read and joins afresh.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.log.warn({ err: payload.error.message, restart: payload.restart }, "DLQ indexer consumer crashed");
      if (!payload.restart && this.consumer === consumer) {
        this.topics = [];
        this.joiningSince = undefined;
      }
    });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    // Partitions are stored concurrently: on PostgreSQL each batch gets its own connection and core.
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: PARTITIONS_STORED_CONCURRENTLY,
      eachBatch: (payload) => this.indexBatch(consumer, payload),
    });
    this.consumer = consumer;
    this.log.info({ topics }, "indexing DLQ topics");
  }

  private async indexBatch(consumer: Consumer, { batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const last = batch.messages.at(-1);
    if (!last || !isRunning() || isStale()) return;
    const { cluster, store, customMappings } = this.options;
    const rows = batch.messages.map((message) =>
      dlqRow(
        {
          cluster: cluster.id,
          topic: batch.topic,
          partition: batch.partition,
          offset: BigInt(message.offset),
          timestampMs: BigInt(message.timestamp),
          key: message.key ?? null,
          value: message.value ?? null,
          headers: orderedHeaders(message),
        },
        customMappings,
      ),
    );
    await storeDlqRows(store, rows);
    // Only now that the rows are stored does the group move past them.
    resolveOffset(last.offset);
    await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }]);
    await heartbeat();
  }
}
