// The indexer against the real broker and both stores: records in several conventions and binary edge cases
// are stored byte for byte with their failure, offsets are committed only after storing, a replay changes
// nothing (a triaged status survives), and a DLQ topic created later is picked up.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { int as int32, long as int64, str as text } from "@/lib/dlq/java-header.fixture";
import { dlqMessage } from "@/lib/store/dlq-schema";
import { openStore, type Store } from "@/lib/store/open-store";
import { openTestStore, storeBackends } from "@/test/store-backends";
import { clusterDlqIndexer } from "./cluster-indexer";
import { rowsOf, testCluster, until } from "./indexer.fixture";
import { withOrderedHeaders } from "@/lib/kafka/ordered-headers";

const backends = await storeBackends();
const seed = new KafkaSeed();
afterAll(() => seed.cleanup());

const bigJson = Buffer.from('{"orderId":9007199254740993,"note":"above 2^53"}');
const records = [
  {
    key: Buffer.from("order-1"),
    value: bigJson,
    headers: [
      text("kafka_dlt-original-topic", "orders"),
      int32("kafka_dlt-original-partition", 3),
      int64("kafka_dlt-original-offset", 9007199254740993n),
      text("kafka_dlt-exception-fqcn", "com.shop.OrderNotFound"),
      text("kafka_dlt-exception-message", "Order 123 not found"),
    ],
  },
  {
    key: Buffer.alloc(0),
    value: null,
    headers: [text("a", "1"), { key: "b", value: Buffer.from([0xff, 0xfe]) }, text("a", "2"), { key: "n", value: null }],
  },
  {
    key: null,
    value: Buffer.from([0xc3, 0x28, 0x00, 0xff]),
    headers: [text("source_topic", "payments"), text("source_partition", "0"), text("source_offset", "17")],
  },
  {
    key: null,
    value: Buffer.alloc(0),
    headers: [
      text("__connect.errors.topic", "users"),
      text("__connect.errors.exception.class.name", "org.apache.kafka.connect.errors.DataException"),
    ],
  },
  { key: Buffer.from("big"), value: Buffer.alloc(900 * 1024, 0x61), headers: [] },
];

describe.each(backends)("the DLQ indexer on $name", (backend) => {
  it("stores every record byte for byte, commits after storing, replays idempotently and finds new DLQ topics", async () => {
    const prefix = uniqueName("idx");
    const topic = await seed.createTopic(`${prefix}.orders.DLT`, 1);
    const producer = seed.kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: records.map(({ key, value, headers }) => withOrderedHeaders({ key, value, partition: 0 }, headers)),
    });

    const target = await backend.create();
    const store = await openStore(target);
    const cluster = testCluster(prefix, new RegExp(`^${prefix}\\..*\\.DLT$`));
    const groupId = `${prefix}-indexer`;
    const indexer = clusterDlqIndexer({ cluster, store, groupId, discoveryIntervalMs: 500 });
    try {
      await indexer.start();
      const rows = await until(
        () => rowsOf(store, cluster.id, topic),
        (r) => r.length === records.length,
        "the records to be indexed",
      );

      rows.forEach((row, i) => {
        const sent = records[i]!;
        expect(row.key === null ? null : row.key.toString("base64")).toBe(sent.key === null ? null : sent.key.toString("base64"));
        expect(row.value === null ? null : row.value.toString("base64")).toBe(sent.value === null ? null : sent.value.toString("base64"));
        expect(row.headers).toEqual(sent.headers.map((h) => ({ key: h.key, value: h.value === null ? null : h.value.toString("base64") })));
        expect(row.status).toBe("pending");
      });
      expect(rows[0]).toMatchObject({
        convention: "spring-dlt",
        exceptionClass: "com.shop.OrderNotFound",
        originalTopic: "orders",
        originalPartition: 3,
        originalOffset: 9007199254740993n,
      });
      expect(rows[1]).toMatchObject({ convention: "unknown", value: null });
      expect(rows[2]).toMatchObject({ convention: "karafka", originalTopic: "payments", originalOffset: 17n });
      expect(rows[3]).toMatchObject({ convention: "connect", originalTopic: "users" });
      expect(rows[4]!.valueSize).toBe(900 * 1024);

      const admin = await seed.connectedAdmin();
      const committed = await until(
        () => admin.fetchOffsets({ groupId, topics: [topic] }),
        (o) => o[0]?.partitions[0]?.offset === String(records.length),
        "the commit",
      );
      expect(committed[0]!.partitions[0]!.offset).toBe("5");

      // A triaged record keeps its status when a second indexer replays the topic from the start.
      await store.db
        .update(dlqMessage)
        .set({ status: "discarded" })
        .where(and(eq(dlqMessage.topic, topic), eq(dlqMessage.offset, 1n)));
      const replay = clusterDlqIndexer({ cluster, store, groupId: `${groupId}-replay`, discoveryIntervalMs: 500 });
      await replay.start();
      await until(
        () => admin.fetchOffsets({ groupId: `${groupId}-replay`, topics: [topic] }),
        (o) => o[0]?.partitions[0]?.offset === "5",
        "the replay",
      );
      await replay.stop();
      expect(await rowsOf(store, cluster.id, topic)).toHaveLength(records.length);
      expect((await rowsOf(store, cluster.id, topic))[1]!.status).toBe("discarded");

      // A DLQ topic that appears while the indexer runs is picked up.
      const later = await seed.createTopic(`${prefix}.payments.DLT`, 1);
      await producer.send({ topic: later, acks: -1, messages: [{ value: "late" }] });
      await until(
        () => rowsOf(store, cluster.id, later),
        (r) => r.length === 1,
        "the new topic to be indexed",
      );

      // A DLQ topic deleted while the indexer reads it stays deleted (the broker auto-creates topics by default,
      // and a consumer that asks for a missing topic's metadata would bring it back).
      await admin.deleteTopics({ topics: [later] });
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      expect(await admin.listTopics()).not.toContain(later);
      // The records indexed from it stay in the store.
      expect(await rowsOf(store, cluster.id, later)).toHaveLength(1);
    } finally {
      await producer.disconnect();
      await indexer.stop();
      await store.close();
      await target.dispose();
    }
  }, 120_000);
});

describe.each(backends)("the DLQ indexer on $name when storing fails", (backend) => {
  it("commits nothing past unstored records, reads them again and stores each once", async () => {
    const prefix = uniqueName("idx-fail");
    const topic = await seed.createTopic(`${prefix}.DLT`, 1);
    const producer = seed.kafka.producer();
    await producer.connect();
    const sent = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, partition: 0 }));
    await producer.send({ topic, acks: -1, messages: sent });
    await producer.disconnect();

    const target = await backend.create();
    const real = await openStore(target);
    // The first two stores fail (the database went away); kafkajs has fetched past the batch by then.
    let failures = 2;
    const store: Store = {
      ...real,
      copyIn: (tx, statement, payload) =>
        failures-- > 0 ? Promise.reject(new Error("store unavailable")) : real.copyIn(tx, statement, payload),
    };
    const cluster = testCluster(prefix, new RegExp(`^${prefix}\\.DLT$`));
    const groupId = `${prefix}-indexer`;
    const indexer = clusterDlqIndexer({ cluster, store, groupId, discoveryIntervalMs: 60_000 });
    try {
      const admin = await seed.connectedAdmin();
      await indexer.start();
      const rows = await until(
        () => rowsOf(real, cluster.id, topic),
        (r) => r.length === sent.length,
        "the records to be stored after the failures",
      );
      expect(failures).toBeLessThan(0);
      expect(rows.map((r) => r.value?.toString())).toEqual(sent.map((m) => m.value));
      const committed = await until(
        () => admin.fetchOffsets({ groupId, topics: [topic] }),
        (o) => o[0]?.partitions[0]?.offset === "50",
        "the commit",
      );
      expect(committed[0]!.partitions[0]!.offset).toBe("50");
      const [group] = (
        (await real.db.execute(sql`select sum(count)::int as n from dlq_failure_group where cluster = ${cluster.id}`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows;
      expect(group!.n).toBe(50);
    } finally {
      await indexer.stop();
      await real.close();
      await target.dispose();
    }
  }, 120_000);
});

describe.each(backends)("the DLQ indexer stopping on $name", (backend) => {
  it("stores the batch under way, commits it, and only then leaves the group (a server shutting down)", async () => {
    const prefix = uniqueName("idx-stop");
    const topic = await seed.createTopic(`${prefix}.DLT`, 1);
    const producer = seed.kafka.producer();
    await producer.connect();
    const sent = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, partition: 0 }));
    await producer.send({ topic, acks: -1, messages: sent });
    await producer.disconnect();

    const target = await backend.create();
    const real = await openStore(target);
    // The first store is held until the indexer has been told to stop.
    let storing!: () => void;
    let release!: () => void;
    const started = new Promise<void>((resolve) => (storing = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const store: Store = {
      ...real,
      copyIn: async (tx, statement, payload) => {
        storing();
        await released;
        return real.copyIn(tx, statement, payload);
      },
    };
    const cluster = testCluster(prefix, new RegExp(`^${prefix}\\.DLT$`));
    const groupId = `${prefix}-indexer`;
    const indexer = clusterDlqIndexer({ cluster, store, groupId, discoveryIntervalMs: 60_000 });
    try {
      const admin = await seed.connectedAdmin();
      await indexer.start();
      await started;
      const stopping = indexer.stop();
      await new Promise((resolve) => setTimeout(resolve, 500));
      release();
      await stopping;
      expect((await rowsOf(real, cluster.id, topic)).length).toBe(sent.length);
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(offsets!.partitions[0]!.offset).toBe("50");
      const { groups } = await admin.describeGroups([groupId]);
      expect(groups[0]!.members).toHaveLength(0);
    } finally {
      release();
      await indexer.stop();
      await real.close();
      await target.dispose();
    }
  }, 120_000);
});

describe("the DLQ indexer on a DLQ written in transactions", () => {
  it("commits past commit markers and aborted records, so its lag comes back to 0, and stores only committed records", async () => {
    const prefix = uniqueName("idx-tx");
    const topic = await seed.createTopic(`${prefix}.orders.DLT`, 1);
    const producer = seed.kafka.producer({ transactionalId: `${prefix}-tx`, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const inTransaction = async (values: string[], outcome: "commit" | "abort") => {
      const transaction = await producer.transaction();
      await transaction.send({ topic, acks: -1, messages: values.map((value) => ({ value, partition: 0 })) });
      await transaction[outcome]();
    };
    const { store, dispose } = await openTestStore(backends[0]!);
    const cluster = testCluster(prefix, new RegExp(`^${prefix}\\..*\\.DLT$`));
    const groupId = `${prefix}-indexer`;
    const indexer = clusterDlqIndexer({ cluster, store, groupId, discoveryIntervalMs: 500 });
    const admin = await seed.connectedAdmin();
    const lag = async () => {
      const [[committed], [end]] = await Promise.all([
        admin.fetchOffsets({ groupId, topics: [topic] }).then((o) => o[0]!.partitions),
        admin.fetchTopicOffsets(topic),
      ]);
      return { committed: committed!.offset, end: end!.high };
    };
    try {
      // Offsets 0–2, then the commit marker at 3.
      await inTransaction(["a", "b", "c"], "commit");
      await indexer.start();
      await until(
        () => rowsOf(store, cluster.id, topic),
        (r) => r.length === 3,
        "the committed records to be indexed",
      );
      // The transaction's markers reach the partition a moment after commit() returns: wait for the end offset too.
      const caughtUp = (end: string) => (l: { committed: string; end: string }) => l.end === end && l.committed === end;
      expect(await until(lag, caughtUp("4"), "the commit past the marker")).toEqual({ committed: "4", end: "4" });

      // Aborted records at 4–5 and the abort marker at 6: a fetch with nothing to store, committed past all the same.
      await inTransaction(["aborted-1", "aborted-2"], "abort");
      expect(await until(lag, caughtUp("7"), "the commit past an aborted transaction")).toEqual({ committed: "7", end: "7" });

      await inTransaction(["d"], "commit");
      expect(await until(lag, caughtUp("9"), "the commit past the next transaction")).toEqual({ committed: "9", end: "9" });
      const rows = await rowsOf(store, cluster.id, topic);
      expect(rows.map((r) => [r.offset, r.value?.toString()])).toEqual([
        [0n, "a"],
        [1n, "b"],
        [2n, "c"],
        [7n, "d"],
      ]);
    } finally {
      await producer.disconnect();
      await indexer.stop();
      await dispose();
    }
  }, 120_000);
});
