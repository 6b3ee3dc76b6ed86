// The indexer's partitions of DLQ topics created again over stored records. Such a partition is held back: nothing
// of it is committed, it rests (paused), then is read again from its start, which stores nothing while the old
// records are there; once they are forgotten (`npm run redrive -- dlq forget`), that read stores the new topic
// whole, also records below the old ones' offsets that went in before the conflict showed. Two signs give a
// recreated topic away: a record unlike the one stored at its offset (found when storing), and a partition that
// ends before its stored records do (looked for at every discovery, since a consumer whose position is past a new
// topic's end reads nothing to compare until it has been reset).
import type { Logger } from "pino";
import { RecreatedTopicError } from "@/lib/dlq/recreated-topic-error";
import type { DlqSource, IndexStore, SourceConsumer } from "./ports";

interface HeldPartition {
  message: string;
  since: Date;
  topic: string;
  /**
   * What gave it away: a record unlike the stored one (held until the partition stores again), or its end (held
   * until that moves past the stored records).
   */
  sign: "record" | "end";
}

/** How long a held-back partition rests before it is read again, to see whether the old records are gone. */
const RETRY_MS = 30_000;

export class RecreatedTopics {
  /** Per "topic/partition". Apart from the indexer's other failures, which any stored batch clears. */
  private readonly held = new Map<string, HeldPartition>();

  constructor(
    private readonly options: {
      cluster: string;
      store: Pick<IndexStore, "lastStoredOffsets">;
      source: Pick<DlqSource, "watermarks">;
      retryMs?: number;
      log: Logger;
    },
  ) {}

  /** The topics held back, each with its first held partition's reason. */
  heldBack(): { topic: string; reason: string; since: Date }[] {
    const byTopic = new Map<string, { topic: string; reason: string; since: Date }>();
    for (const { topic, message, since } of this.held.values())
      if (!byTopic.has(topic)) byTopic.set(topic, { topic, reason: message, since });
    return [...byTopic.values()].sort((a, b) => (a.topic < b.topic ? -1 : 1));
  }

  /** The partition stored a batch: no record of it is unlike a stored one (any more). */
  stored(topic: string, partition: number): void {
    const key = `${topic}/${partition}`;
    if (this.held.get(key)?.sign === "record") this.held.delete(key);
  }

  /** Topics no longer there hold nothing back. */
  keepOnly(topics: readonly string[]): void {
    for (const [key, { topic }] of this.held) if (!topics.includes(topic)) this.held.delete(key);
  }

  /** Holds back every partition of `topics` that ends before its stored records do. */
  async findEnded(consumer: SourceConsumer, topics: readonly string[]): Promise<void> {
    for (const topic of topics) {
      const ends = await this.options.source.watermarks(topic);
      const stored = await this.options.store.lastStoredOffsets(
        this.options.cluster,
        topic,
        ends.map((e) => e.partition),
      );
      for (const { partition, high, low } of ends) {
        const key = `${topic}/${partition}`;
        const last = stored.get(partition);
        if (last === undefined || last < BigInt(high)) {
          if (this.held.get(key)?.sign === "end") this.held.delete(key);
          continue;
        }
        // Held already: it is being read again, or rests until it is.
        if (this.held.has(key)) continue;
        const finding = `ends at offset ${high} in partition ${partition}, before the records stored from it (up to offset ${last})`;
        const error = new RecreatedTopicError(this.options.cluster, topic, partition, finding);
        this.note(error, "end");
        this.rest(consumer, error, low);
      }
    }
  }

  /**
   * Holds back the partition of a record unlike the stored one: it is read again from its start (or from `fallback`
   * when Kafka does not say where that is). Returns where it will be read from.
   */
  async holdConflict(consumer: SourceConsumer, error: RecreatedTopicError, fallback: string): Promise<string> {
    this.note(error, "record");
    let from = fallback;
    try {
      from = (await this.options.source.watermarks(error.topic)).find((o) => o.partition === error.partition)?.low ?? fallback;
    } catch {
      // Kafka went away meanwhile; the next consumer starts from the committed offset, before these records.
      return from;
    }
    this.rest(consumer, error, from);
    return from;
  }

  private note(error: RecreatedTopicError, sign: HeldPartition["sign"]): void {
    const { topic, partition } = error;
    const key = `${topic}/${partition}`;
    const known = this.held.get(key);
    if (!known)
      this.options.log.warn(
        { topic, partition, err: error.message },
        "DLQ topic created again over stored records; holding its new records back",
      );
    this.held.set(key, { message: error.message, since: known?.since ?? new Date(), topic, sign });
  }

  /** Pauses the partition and moves it to `from`, to be read from there when it resumes. */
  private rest(consumer: SourceConsumer, { topic, partition }: RecreatedTopicError, from: string): void {
    try {
      consumer.pause(topic, partition);
      consumer.seek(topic, partition, from);
    } catch {
      // The consumer has stopped; its successor reads the partition from the committed offset.
      return;
    }
    setTimeout(() => {
      try {
        consumer.resume(topic, partition);
      } catch {
        // As above: the consumer has stopped meanwhile.
      }
    }, this.options.retryMs ?? RETRY_MS).unref();
  }
}
