// A DLQ topic deleted and created again while the indexer reads it, against the real broker: the new topic's records
// (at offsets the old records hold in the store) are held back and said so, never dropped; once the old DLQ is
// triaged and forgotten, the indexer stores the new records by itself.
import { afterAll, describe, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { actorFor } from "@/lib/auth/actor";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { storeDlqRows } from "@/lib/store/dlq-messages";
import type { Store } from "@/lib/store/open-store";
import { forgetDlq } from "@/lib/triage/forget-dlq";
import { discard } from "@/lib/triage/single-actions";
import { openTestStore, storeBackends } from "@/test/store-backends";
import { clusterDlqIndexer } from "./cluster-indexer";
import { rowsOf, testCluster, until } from "./indexer.fixture";

const [backend] = await storeBackends();
const seed = new KafkaSeed();
afterAll(() => seed.cleanup());
const operator = actorFor("user", "u1", "olga", "operator", "127.0.0.1");

const storedValues = async (store: Store, cluster: string, topic: string) =>
  (await rowsOf(store, cluster, topic)).map((r) => r.value?.toString());

/** An indexer reading the one DLQ `${prefix}.DLT` into a fresh store, resting held-back partitions for a second. */
async function indexing(prefix: string) {
  const cluster = testCluster(prefix, new RegExp(`^${prefix}\\.DLT$`));
  const { store, dispose } = await openTestStore(backend!);
  const indexer = clusterDlqIndexer({ cluster, store, groupId: `${prefix}-indexer`, discoveryIntervalMs: 500, recreatedRetryMs: 1_000 });
  const producer = seed.kafka.producer();
  await producer.connect();
  return { cluster, store, dispose, indexer, producer };
}

describe("the DLQ indexer on a DLQ topic created again", () => {
  it("holds the new records back until the old ones are forgotten, then stores them", async () => {
    const prefix = uniqueName("recreated");
    const topic = await seed.createTopic(`${prefix}.DLT`, 1);
    const { cluster, store, dispose, indexer, producer } = await indexing(prefix);
    const send = (values: string[]) => producer.send({ topic, acks: -1, messages: values.map((value) => ({ value, partition: 0 })) });
    try {
      await send(["old-0", "old-1"]);
      await indexer.start();
      await until(
        () => storedValues(store, cluster.id, topic),
        (v) => v.length === 2,
        "the old records to be stored",
      );

      const admin = await seed.connectedAdmin();
      await admin.deleteTopics({ topics: [topic] });
      await until(
        () => admin.listTopics(),
        (topics) => !topics.includes(topic),
        "the topic to be deleted",
      );
      await seed.createTopic(topic, 1);
      // Fewer records than the old topic had: the partition ends before the stored records do, which gives it away
      // whatever the consumer's position (one past a new topic's end reads nothing until kafkajs resets it).
      await send(["new-0"]);

      const held = await until(
        () => indexer.status().heldBack,
        (h) => h.length > 0,
        "the indexer to hold the new records back",
      );
      expect(held).toEqual([{ topic, reason: expect.stringContaining(`DLQ topic "${topic}" `), since: expect.any(Date) }]);
      expect(held[0]!.reason).toMatch(
        /(holds another record at partition 0, offset 0 than the one stored from it before|ends at offset [01] in partition 0, before the records stored from it \(up to offset 1\)): the topic was deleted and created again/,
      );
      // It keeps holding them back, and the old records stay as they were.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(indexer.status().heldBack.map((h) => h.topic)).toEqual([topic]);
      expect(await storedValues(store, cluster.id, topic)).toEqual(["old-0", "old-1"]);

      for (const offset of [0n, 1n])
        await discard(store, { key: { cluster: cluster.id, topic, partition: 0, offset }, actor: operator, reason: "topic recreated" });
      expect(await forgetDlq(store, operator, { cluster: cluster.id, topic })).toEqual({ records: 2, redelivered: 0, discarded: 2 });

      await until(
        () => storedValues(store, cluster.id, topic),
        (v) => v.length === 1,
        "the new record to be stored",
      );
      await send(["new-1", "new-2"]);
      await until(
        () => storedValues(store, cluster.id, topic),
        (v) => v.length === 3,
        "the later records to be stored",
      );
      expect(await storedValues(store, cluster.id, topic)).toEqual(["new-0", "new-1", "new-2"]);
      expect(indexer.status()).toMatchObject({ state: "indexing", lastError: null, heldBack: [] });
    } finally {
      await producer.disconnect();
      await indexer.stop();
      await dispose();
    }
  }, 120_000);

  it("holds a partition back that ends before the records stored from it, though the records it has match", async () => {
    const prefix = uniqueName("recreated-end");
    const topic = await seed.createTopic(`${prefix}.DLT`, 1);
    const { cluster, store, dispose, indexer, producer } = await indexing(prefix);
    const at = (offset: number) => 1_796_000_000_000n + BigInt(offset);
    try {
      // The old topic had five records; the new one has the same first two (same time, key and value) and no more.
      await producer.send({
        topic,
        acks: -1,
        messages: [0, 1].map((i) => ({ key: `k${i}`, value: `v${i}`, timestamp: String(at(i)), partition: 0 })),
      });
      await storeDlqRows(
        store,
        [0, 1, 2, 3, 4].map((i) =>
          dlqRow({
            cluster: cluster.id,
            topic,
            partition: 0,
            offset: BigInt(i),
            timestampMs: at(i),
            key: Buffer.from(`k${i}`),
            value: Buffer.from(`v${i}`),
            headers: [],
          }),
        ),
      );
      await indexer.start();
      const held = await until(
        () => indexer.status().heldBack,
        (h) => h.length > 0,
        "the indexer to hold the partition back",
      );
      expect(held[0]!.reason).toContain(
        `DLQ topic "${topic}" ends at offset 2 in partition 0, before the records stored from it (up to offset 4): the topic was deleted and created again`,
      );
      // Reading it again stores nothing new and ends nothing: it stays held back.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(indexer.status()).toMatchObject({ state: "indexing", heldBack: [{ topic }] });

      for (let offset = 0n; offset < 5n; offset++)
        await discard(store, { key: { cluster: cluster.id, topic, partition: 0, offset }, actor: operator, reason: "topic recreated" });
      await forgetDlq(store, operator, { cluster: cluster.id, topic });
      await until(
        () => storedValues(store, cluster.id, topic),
        (v) => v.length === 2,
        "the topic's records to be stored again",
      );
      expect(await storedValues(store, cluster.id, topic)).toEqual(["v0", "v1"]);
      expect(
        await until(
          () => indexer.status(),
          (s) => s.heldBack.length === 0,
          "the hold to end",
        ),
      ).toMatchObject({ state: "indexing", lastError: null });
    } finally {
      await producer.disconnect();
      await indexer.stop();
      await dispose();
    }
  }, 120_000);
});
