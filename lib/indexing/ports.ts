// The indexer's ports: what it needs of Kafka (a consumer group over a cluster's DLQ topics) and of the store (a
// place to keep the rows). lib/kafka's DLQ source and lib/store's functions fit them by their shape; the wiring
// (cluster-indexer.ts) hands them in, so the use case imports neither adapter.
import type { DlqRow } from "@/lib/dlq/dlq-row";
import type { RecordHeader } from "@/lib/dlq/record-header";

/** One record as read from a DLQ topic, headers in record order. */
export interface SourceRecord {
  offset: string;
  /** Kafka's record timestamp, ms since the epoch, as Kafka gives it. */
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

/** The records of one partition handed over in one fetch, with the consumer's controls for that fetch. */
export interface SourceBatch {
  topic: string;
  partition: number;
  records: SourceRecord[];
  /** Past the last record: a transaction's commit marker (or aborted records) after it belong to no record. */
  lastOffset(): string;
  /** Lets the consumer fetch past `offset` (the group's committed offset does not move). */
  resolveOffset(offset: string): void;
  /** Tells the group this member is alive; throws on a rebalance or a dropped member. */
  heartbeat(): Promise<void>;
  isRunning(): boolean;
  /** The batch was fetched before a seek or a rebalance that makes it out of date. */
  isStale(): boolean;
}

/** One member of the indexer's consumer group. Listeners are set before `run`. */
export interface SourceConsumer {
  /** It joined the group. */
  onJoin(listener: () => void): void;
  /** It crashed; `restart` says whether it restarts by itself. */
  onCrash(listener: (error: Error, restart: boolean) => void): void;
  /** A fetch held nothing to hand over (only transaction markers or aborted records), through `lastOffset`. */
  onNothingFetched(listener: (topic: string, partition: number, lastOffset: string) => void): void;
  /** Connects, subscribes to `topics` from their beginning, and hands each fetched batch to `eachBatch`. */
  run(topics: readonly string[], eachBatch: (batch: SourceBatch) => Promise<void>): Promise<void>;
  disconnect(): Promise<void>;
  /** Commits the group's offset of the partition: the next record to read. */
  commit(topic: string, partition: number, offset: string): Promise<void>;
  /** The partition is read next from `offset`; throws when the consumer has stopped. */
  seek(topic: string, partition: number, offset: string): void;
  pause(topic: string, partition: number): void;
  resume(topic: string, partition: number): void;
}

/** A cluster's DLQ topics as the indexer reads them. */
export interface DlqSource {
  /** The cluster's topics that are DLQs by its pattern. */
  dlqTopics(): Promise<string[]>;
  /** Each partition's low and high offsets. */
  watermarks(topic: string): Promise<{ partition: number; low: string; high: string }[]>;
  /** A new member of `groupId`, not yet joined. */
  consumer(groupId: string): SourceConsumer;
  /** A failure in an operator's words (what to grant, where the brokers are). */
  describeFailure(error: unknown): string;
}

/** Where the indexer keeps what it read. Throws RecreatedTopicError for records over a topic's predecessor's. */
export interface IndexStore {
  /**
   * Stores the rows chunk by chunk; `storedUpTo` hears of every chunk stored before the last, with its last row, so a
   * large batch's progress is kept as it goes.
   */
  storeRows(rows: readonly DlqRow[], storedUpTo: (row: DlqRow) => Promise<void>): Promise<number>;
  /** The highest stored offset of each of the partitions that has records stored. */
  lastStoredOffsets(cluster: string, topic: string, partitions: readonly number[]): Promise<Map<number, bigint>>;
  /** The store's work behind the records (moving their search text into its index), run while the indexer runs. */
  searchIndexer: { start(): void; stop(): Promise<void> };
}
