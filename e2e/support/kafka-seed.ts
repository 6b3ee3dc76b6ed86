// Seeds a real broker for integration and e2e tests: uniquely named topics, records, committed offsets and
// live group members. Every name carries a random suffix so runs never see each other's data.
import { randomBytes } from "node:crypto";
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type Message } from "kafkajs";

export const TEST_BROKERS = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

/** A record to seed: bytes or strings; headers as [key, value] pairs in record order (null = no value). */
export interface SeedRecord {
  partition?: number;
  key?: Buffer | string | null;
  value: Buffer | string | null;
  /** ms since the epoch; the broker's clock when absent. */
  timestamp?: number;
  headers?: readonly (readonly [string, Buffer | string | null])[];
}

interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  findGroupCoordinator(args: { groupId: string }): Promise<{
    offsetCommit(request: {
      groupId: string;
      groupGenerationId: number;
      memberId: string;
      topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
    }): Promise<unknown>;
  }>;
}

/** A seed record as kafkajs sends it, headers in order through the patched `headerList` (see ordered-headers). */
function toMessage(record: SeedRecord): Message {
  return {
    partition: record.partition ?? 0,
    key: record.key ?? null,
    value: record.value,
    timestamp: record.timestamp?.toString(),
    headerList: (record.headers ?? []).map(([key, value]) => ({ key, value: value === null ? null : Buffer.from(value) })),
  } as unknown as Message;
}

export class KafkaSeed {
  readonly kafka: Kafka;
  private admin?: Admin;
  private readonly consumers: Consumer[] = [];
  private readonly topics: string[] = [];
  private readonly groups = new Set<string>();

  constructor(brokers: string[] = TEST_BROKERS) {
    this.kafka = new Kafka({ clientId: "redrive-test-seed", brokers, logLevel: logLevel.NOTHING });
  }

  async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    return this.admin;
  }

  /** `configEntries` are topic configs, e.g. `{ "max.message.bytes": "8388608" }` for records above 1 MB. */
  async createTopic(name: string, partitions = 3, configEntries: Record<string, string> = {}): Promise<string> {
    const admin = await this.connectedAdmin();
    const entries = Object.entries(configEntries).map(([configName, value]) => ({ name: configName, value }));
    try {
      await admin.createTopics({ topics: [{ topic: name, numPartitions: partitions, configEntries: entries }], waitForLeaders: true });
    } catch (error) {
      // On a loaded machine the broker can answer kafkajs's wait for leaders with UNKNOWN_TOPIC_OR_PARTITION for a
      // topic it has just created (kafkajs retries only LEADER_NOT_AVAILABLE there): the topic exists, so wait here.
      if ((error as { type?: string }).type !== "UNKNOWN_TOPIC_OR_PARTITION") throw error;
      await this.waitForLeaders(name, partitions);
    }
    this.topics.push(name);
    return name;
  }

  private async waitForLeaders(topic: string, partitions: number, timeoutMs = 30_000): Promise<void> {
    const admin = await this.connectedAdmin();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
        const led = topics[0]?.partitions.filter((p) => p.leader >= 0).length ?? 0;
        if (led === partitions) return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`topic ${topic} has no leader for every partition after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Produces `count` small records to one partition. */
  async produce(topic: string, partition: number, count: number): Promise<void> {
    const producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    await producer.connect();
    try {
      const messages = Array.from({ length: count }, (_, i) => ({ partition, key: `k${i}`, value: JSON.stringify({ n: i }) }));
      await producer.send({ topic, messages, acks: -1 });
    } finally {
      await producer.disconnect();
    }
  }

  /**
   * Produces records exactly as given — key and value bytes (null stays null), headers in this order with
   * duplicates and null values kept — and returns each record's partition and offset, in order.
   */
  async produceRecords(topic: string, records: readonly SeedRecord[]): Promise<{ partition: number; offset: string }[]> {
    const producer = this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      idempotent: true,
    });
    await producer.connect();
    try {
      const placed: { partition: number; offset: string }[] = [];
      // One send per record keeps the answer's offsets in record order.
      for (const record of records) {
        const [result] = await producer.send({ topic, messages: [toMessage(record)], acks: -1 });
        placed.push({ partition: result!.partition, offset: result!.baseOffset! });
      }
      return placed;
    } finally {
      await producer.disconnect();
    }
  }

  /** The same records as produceRecords, in batches of 1,000: quick for thousands of records, but no offsets back. */
  async produceMany(topic: string, records: readonly SeedRecord[]): Promise<void> {
    const producer = this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      idempotent: true,
    });
    await producer.connect();
    try {
      for (let from = 0; from < records.length; from += 1_000)
        await producer.send({ topic, messages: records.slice(from, from + 1_000).map(toMessage), acks: -1 });
    } finally {
      await producer.disconnect();
    }
  }

  /** Commits offsets for a group that has no live members (as a consumer that stopped would have left them). */
  async commitOffsets(groupId: string, topic: string, offsets: Record<number, number>): Promise<void> {
    await this.commitGroupOffsets(groupId, [{ topic, offsets }]);
  }

  /**
   * One OffsetCommit request with generation -1 and no member id — what Kafka accepts for a group without
   * members. kafkajs's admin.setOffsets instead joins the group with a consumer once per topic, which takes
   * seconds each and serialises badly when seeding hundreds of groups.
   */
  async commitGroupOffsets(groupId: string, commits: { topic: string; offsets: Record<number, number> }[]): Promise<void> {
    this.groups.add(groupId);
    const cluster = await this.internalCluster();
    const topics = commits.map(({ topic, offsets }) => ({
      topic,
      partitions: Object.entries(offsets).map(([partition, offset]) => ({ partition: Number(partition), offset: String(offset) })),
    }));
    // A freshly started broker creates __consumer_offsets on first use and answers NOT_COORDINATOR or
    // COORDINATOR_LOAD_IN_PROGRESS until it has; those are retriable.
    for (let attempt = 1; ; attempt++) {
      try {
        const coordinator = await cluster.findGroupCoordinator({ groupId });
        await coordinator.offsetCommit({ groupId, groupGenerationId: -1, memberId: "", topics });
        return;
      } catch (error) {
        if (!(error as { retriable?: boolean }).retriable || attempt >= 40) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  private clusterPromise?: Promise<InternalCluster>;

  private internalCluster(): Promise<InternalCluster> {
    this.clusterPromise ??= (async () => {
      const kafka = this.kafka as unknown as Record<symbol, (options: object) => InternalCluster>;
      const factory = Object.getOwnPropertySymbols(kafka).find((s) => s.description === "private:Kafka:createCluster")!;
      const cluster = kafka[factory]!({});
      await cluster.connect();
      return cluster;
    })();
    return this.clusterPromise;
  }

  async deleteRecordsBefore(topic: string, partition: number, offset: number): Promise<void> {
    const admin = await this.connectedAdmin();
    await admin.deleteTopicRecords({ topic, partitions: [{ partition, offset: String(offset) }] });
  }

  /** Starts a consumer that joins `groupId` on `topic` and never commits; resolves once it holds its assignment. */
  async joinWithoutCommitting(groupId: string, topic: string): Promise<Consumer> {
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    this.groups.add(groupId);
    this.consumers.push(consumer);
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    await joined;
    return consumer;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.disconnect().catch(() => undefined)));
    if (this.admin && this.groups.size > 0) await this.admin.deleteGroups([...this.groups]).catch(() => undefined);
    if (this.admin && this.topics.length > 0) await this.admin.deleteTopics({ topics: this.topics }).catch(() => undefined);
    await this.admin?.disconnect();
    await (await this.clusterPromise)?.disconnect();
  }
}
