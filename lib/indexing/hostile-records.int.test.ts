// The indexer against hostile records on the real broker and both stores: NUL in failure headers and header keys,
// header keys that are not UTF-8, a 1 MB exception message, 5,000 headers, a 10 MB value and a timestamp no date
// can hold. Each is followed by a normal record in the same partition; every record is stored (the bytes exact,
// the text display-safe) within one discovery interval, and the indexer never reports `failing`.
import { and, count, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { str as text } from "@/lib/dlq/java-header.fixture";
import type { RecordHeader } from "@/lib/dlq/record-header";
import { failureGroups, type FailureGroupPosition } from "@/lib/store/dlq-queries";
import { dlqMessage } from "@/lib/store/dlq-schema";
import { openStore } from "@/lib/store/open-store";
import { storeBackends } from "@/test/store-backends";
import { clusterDlqIndexer } from "./cluster-indexer";
import { rowsOf, testCluster, until } from "./indexer.fixture";
import { withOrderedHeaders } from "@/lib/kafka/ordered-headers";

const backends = await storeBackends();
const seed = new KafkaSeed();
afterAll(() => seed.cleanup());

const DISCOVERY_MS = 15_000;
const MB = 1024 * 1024;
const NUL_MESSAGE = "bad\u0000nul";
const invalidKey = Buffer.from([0x62, 0xff, 0x6b, 0xc3]);

interface Fixture {
  name: string;
  headers: (RecordHeader | { key: Buffer; value: Buffer | null })[];
  value?: Buffer;
  timestamp?: string;
}

const fixtures: Fixture[] = [
  {
    name: "NUL in a Spring header",
    headers: [text("kafka_dlt-exception-fqcn", "com.shop.Bad"), text("kafka_dlt-exception-message", NUL_MESSAGE)],
  },
  {
    name: "NUL in a Connect header",
    headers: [text("__connect.errors.topic", "users"), text("__connect.errors.exception.message", NUL_MESSAGE)],
  },
  { name: "NUL in a generic header", headers: [text("dlq-original-topic", "or\u0000ders"), text("dlq-reason", NUL_MESSAGE)] },
  { name: "NUL in a header key", headers: [text("trace\u0000id", "1"), text("dlq-reason", "key with NUL")] },
  { name: "a header key that is not UTF-8", headers: [{ key: invalidKey, value: Buffer.from("v") }, text("dlq-reason", "key not UTF-8")] },
  { name: "a 1 MB exception message", headers: [text("kafka_dlt-exception-message", `Order 1 failed: ${"x".repeat(MB)}`)] },
  { name: "5,000 headers", headers: Array.from({ length: 5_000 }, (_, i) => text(`h-${i}`, `value ${i}`)) },
  { name: "a 10 MB value", headers: [text("dlq-reason", "big value")], value: Buffer.alloc(10 * MB, 0x7a) },
  { name: "a timestamp no date can hold", headers: [text("dlq-reason", "from the far future")], timestamp: "9000000000000000" },
];

const normal = (i: number): Fixture => ({
  name: `normal ${i}`,
  headers: [text("kafka_dlt-exception-fqcn", "com.shop.OrderNotFound"), text("kafka_dlt-exception-message", `Order ${i} not found`)],
});

describe.each(backends)("the DLQ indexer on hostile records on $name", (backend) => {
  it(
    "stores every hostile record and the normal record after it within one discovery interval, never failing",
    { timeout: 180_000 },
    async () => {
      const prefix = uniqueName("hostile");
      // Raised limits for the 10 MB value; any CreateTime accepted, as a DLQ written by another cluster may hold.
      const topic = await seed.createTopic(`${prefix}.orders.DLT`, 1, {
        "max.message.bytes": String(16 * MB),
        "message.timestamp.after.max.ms": "9223372036854775807",
      });
      const producer = seed.kafka.producer();
      await producer.connect();
      const send = (fixture: Fixture) =>
        producer.send({
          topic,
          acks: -1,
          messages: [
            withOrderedHeaders(
              { key: Buffer.from(fixture.name), value: fixture.value ?? Buffer.from("{}"), partition: 0, timestamp: fixture.timestamp },
              fixture.headers as RecordHeader[],
            ),
          ],
        });
      await send(normal(-1));

      const target = await backend.create();
      const store = await openStore(target);
      const cluster = testCluster(prefix, new RegExp(`^${prefix}\\..*\\.DLT$`));
      const indexer = clusterDlqIndexer({ cluster, store, groupId: `${prefix}-indexer`, discoveryIntervalMs: DISCOVERY_MS });
      const states = new Set<string>();
      try {
        await indexer.start();
        await until(
          () => rowsOf(store, cluster.id, topic),
          (rows) => rows.length === 1,
          "the first record to be indexed",
        );

        const sent = fixtures.flatMap((fixture, i) => [fixture, normal(i)]);
        for (const fixture of sent) await send(fixture);
        // From when the last record is written: the indexer reads them while they are sent.
        const started = Date.now();
        // Counted while waiting: reading the 10 MB value every 250 ms would load the store more than the indexer does.
        await until(
          async () => {
            states.add(indexer.status().state);
            const [row] = await store.db
              .select({ n: count() })
              .from(dlqMessage)
              .where(and(eq(dlqMessage.cluster, cluster.id), eq(dlqMessage.topic, topic)));
            return row?.n ?? 0;
          },
          (n) => n === sent.length + 1,
          "every record to be indexed",
        );
        expect(Date.now() - started).toBeLessThan(DISCOVERY_MS);
        const rows = await rowsOf(store, cluster.id, topic);
        expect([...states]).toEqual(["indexing"]);
        expect(indexer.status()).toMatchObject({ state: "indexing", lastError: null });

        const byName = new Map(rows.map((row) => [row.key!.toString(), row]));
        sent.forEach((fixture, i) => {
          const row = byName.get(fixture.name)!;
          expect(row.offset, fixture.name).toBe(BigInt(i + 1));
          expect(row.value!.equals(fixture.value ?? Buffer.from("{}")), fixture.name).toBe(true);
          expect(row.headers.length, fixture.name).toBe(fixture.headers.length);
          fixture.headers.forEach((header, h) =>
            expect(row.headers[h]!.value, `${fixture.name} header ${h}`).toBe(header.value?.toString("base64") ?? null),
          );
        });
        expect(byName.get("NUL in a Spring header")).toMatchObject({
          convention: "spring-dlt",
          failureMessage: "bad\ufffdnul",
          unparsedReason: null,
        });
        expect(byName.get("NUL in a Connect header")).toMatchObject({ convention: "connect", failureMessage: "bad\ufffdnul" });
        expect(byName.get("NUL in a generic header")).toMatchObject({
          convention: "generic",
          failureMessage: "bad\ufffdnul",
          originalTopic: "or\ufffdders",
        });
        expect(byName.get("NUL in a header key")!.headers[0]).toEqual({
          key: "trace\ufffdid",
          value: "MQ==",
          rawKey: Buffer.from("trace\u0000id").toString("base64"),
        });
        expect(byName.get("a header key that is not UTF-8")!.headers[0]).toEqual({
          key: "b\ufffdk\ufffd",
          value: "dg==",
          rawKey: invalidKey.toString("base64"),
        });
        expect(byName.get("a 1 MB exception message")!.failureMessage!.length).toBe(MB + "Order 1 failed: ".length);
        expect(byName.get("a 10 MB value")!.valueSize).toBe(10 * MB);
        expect(byName.get("a timestamp no date can hold")).toMatchObject({
          timestamp: new Date(0),
          unparsedReason: "its timestamp 9000000000000000 is out of range",
        });
        for (let i = 0; i < fixtures.length; i++)
          expect(byName.get(`normal ${i}`)).toMatchObject({ failureMessage: `Order ${i} not found`, unparsedReason: null });
      } finally {
        await producer.disconnect();
        await indexer.stop();
        await store.close();
        await target.dispose();
      }
    },
  );

  // PGlite (one process, one core) indexes 100,000 groups in many minutes on a loaded machine; it gets a tenth of them.
  const GROUPS = backend.name === "postgres" ? 100_000 : 10_000;

  it(
    `lists ${GROUPS.toLocaleString("en")} failure groups of one DLQ a bounded page at a time, in a stable order with none missed or repeated`,
    { timeout: 600_000 },
    async () => {
      const prefix = uniqueName("groups");
      const topic = await seed.createTopic(`${prefix}.orders.DLT`, 1);
      const producer = seed.kafka.producer();
      await producer.connect();
      const BATCH = 5_000;
      try {
        for (let from = 0; from < GROUPS; from += BATCH) {
          const messages = Array.from({ length: BATCH }, (_, i) =>
            withOrderedHeaders({ key: null, value: Buffer.from("{}"), partition: 0 }, [
              text("kafka_dlt-exception-fqcn", `com.shop.Failure${from + i}`),
              text("kafka_dlt-exception-message", "failed"),
            ]),
          );
          await producer.send({ topic, acks: -1, messages });
        }
      } finally {
        await producer.disconnect();
      }
      const target = await backend.create();
      const store = await openStore(target);
      const cluster = testCluster(prefix, new RegExp(`^${prefix}\\..*\\.DLT$`));
      const indexer = clusterDlqIndexer({ cluster, store, groupId: `${prefix}-indexer`, discoveryIntervalMs: DISCOVERY_MS });
      try {
        await indexer.start();
        await until(
          () => failureGroups(store, cluster.id, topic, { limit: 1 }),
          (page) => page.total === GROUPS,
          "every group to be indexed",
          2_000,
        );
        expect(indexer.status().state).toBe("indexing");

        const seen = new Set<string>();
        let after: FailureGroupPosition | undefined;
        let pages = 0;
        do {
          const page = await failureGroups(store, cluster.id, topic, { limit: 500, after });
          pages++;
          expect(page.groups.length).toBeLessThanOrEqual(500);
          for (const group of page.groups) seen.add(group.fingerprint);
          after = page.next ?? undefined;
        } while (after);
        expect(pages).toBe(GROUPS / 500);
        expect(seen.size).toBe(GROUPS);
      } finally {
        await indexer.stop();
        await store.close();
        await target.dispose();
      }
    },
  );
});
