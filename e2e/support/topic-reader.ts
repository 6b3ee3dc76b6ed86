// Reads a topic from the start, as a read_committed reader (what the console's indexer sees) or a
// read_uncommitted one (which also sees records of open and aborted transactions).
import type { Consumer, Kafka } from "kafkajs";
import { uniqueName } from "./kafka-seed";

export interface ReadRecord {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: string; value: Buffer | null }[];
}

type WithHeaderList = { headerList?: { key: string; value: Buffer | null }[] };

export class TopicReader {
  readonly records: ReadRecord[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(kafka: Kafka, topic: string, { readUncommitted = false } = {}): Promise<TopicReader> {
    const consumer = kafka.consumer({
      groupId: uniqueName("test-reader"),
      readUncommitted,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 200,
    });
    const reader = new TopicReader(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers = ((message as typeof message & WithHeaderList).headerList ?? []).map(({ key, value }) => ({
          key,
          value: value === null ? null : Buffer.from(value),
        }));
        reader.records.push({ partition, offset: message.offset, key: message.key, value: message.value, headers });
      },
    });
    return reader;
  }

  /** Resolves once at least `count` records have been read (rejects after `timeoutMs`). */
  async atLeast(count: number, timeoutMs = 60_000): Promise<ReadRecord[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.records.length < count) {
      if (Date.now() > deadline) throw new Error(`read ${this.records.length} records, expected at least ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return this.records;
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

/** Every record of the topic once at least `expected` are there and no more arrive for `settleMs`. */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  expected: number,
  { readUncommitted = false, settleMs = 2_000, timeoutMs = 60_000 } = {},
): Promise<ReadRecord[]> {
  const reader = await TopicReader.start(kafka, topic, { readUncommitted });
  try {
    await reader.atLeast(expected, timeoutMs);
    for (let seen = -1; seen !== reader.records.length;) {
      seen = reader.records.length;
      await new Promise((resolve) => setTimeout(resolve, settleMs));
    }
    return [...reader.records];
  } finally {
    await reader.stop();
  }
}

export const headerText = (record: ReadRecord, key: string): string | null => {
  const header = record.headers.findLast((h) => h.key === key);
  return header?.value ? header.value.toString("utf8") : null;
};
