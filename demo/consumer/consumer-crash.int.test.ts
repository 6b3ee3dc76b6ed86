// SIGKILL in the middle of a DLT transaction: after a restart every failed message is in the DLT exactly once as a
// read_committed reader and the console's indexer see it, and every good one was processed exactly once.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { DemoProcess, type ProcessedAnswer } from "@/e2e/support/demo-processes";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { TopicReader, headerText, readTopic } from "@/e2e/support/topic-reader";
import { clusterDlqIndexer } from "@/lib/indexing/cluster-indexer";
import { dlqMessage } from "@/lib/store/dlq-schema";
import { openStore } from "@/lib/store/open-store";
import { storeBackends } from "@/test/store-backends";

const backends = await storeBackends();
const seed = new KafkaSeed();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await seed.cleanup();
});

const MESSAGES = 240;
/** Every 4th offer bids 0 (rejected); every 10th from the 5th is not JSON. */
const fails = (i: number) => i % 4 === 0 || i % 10 === 5;

async function until(check: () => Promise<boolean>, what: string, consumer: DemoProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${consumer.output().slice(-3_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.each(backends)("the consumer worker killed mid-transaction, its store on $name", (backend) => {
  it("leaves every failure in the DLT exactly once and every good message processed exactly once", async () => {
    const topic = await seed.createTopic(uniqueName("demo-crash"), 2);
    const dlt = await seed.createTopic(`${topic}.DLT`, 2);
    const group = `${topic}-group`;
    const target = await backend.create();
    cleanups.push(
      () => target.dispose(),
      async () => void (await (await seed.connectedAdmin()).deleteGroups([group])),
    );

    const ids = Array.from({ length: MESSAGES }, () => randomUUID());
    await seed.produceRecords(
      topic,
      ids.map((id, i) => ({
        partition: i % 2,
        key: `offer-${i}`,
        value:
          fails(i) && i % 10 === 5
            ? `{"offerId": "offer-${i}", `
            : JSON.stringify({
                offerId: `offer-${i}`,
                advertiser: "acme",
                bidCents: i % 4 === 0 ? 0 : 100 + i,
                width: 300,
                height: 250,
                imageUrl: "https://cdn.example/a.png",
              }),
        headers: [["x-message-id", id]],
      })),
    );
    const failedIds = new Set(ids.filter((_, i) => fails(i)));
    const goodIds = new Set(ids.filter((_, i) => !fails(i)));

    const env = {
      DEMO_CONSUMER_TOPICS: `${topic}=banner`,
      DEMO_CONSUMER_GROUP: group,
      DEMO_CONSUMER_SESSION_TIMEOUT_MS: "6000",
      DEMO_CONSUMER_CHUNK: "10",
      ...(target.databaseUrl ? { DEMO_CONSUMER_DATABASE_URL: target.databaseUrl } : { DEMO_CONSUMER_DATA_DIR: target.dataDir }),
    };
    // Each transaction held open 1.5 s after its DLT records are written: the kill lands inside one.
    const uncommitted = await TopicReader.start(seed.kafka, dlt, { readUncommitted: true });
    const doomed = await DemoProcess.start("consumer", { ...env, DEMO_CONSUMER_COMMIT_DELAY_MS: "1500" });
    cleanups.push(async () => doomed.kill("SIGKILL"));
    await uncommitted.atLeast(1);
    doomed.kill("SIGKILL");
    await doomed.exited;
    await uncommitted.stop();

    const consumer = await DemoProcess.start("consumer", env);
    cleanups.push(async () => consumer.kill("SIGKILL"));
    const processed = async () => (await consumer.json<ProcessedAnswer>(`/processed?topic=${topic}&limit=1000`)).body;
    await until(async () => (await processed()).count >= goodIds.size, "every good message", consumer);
    await until(
      async () =>
        (await consumer.metric(`demo_consumer_messages_processed_total{topic="${topic}"}`)) +
          (await consumer.metric(`demo_consumer_duplicates_skipped_total{topic="${topic}"}`)) >=
        goodIds.size,
      "the last commit",
      consumer,
    );

    const committed = await readTopic(seed.kafka, dlt, failedIds.size, { settleMs: 3_000 });
    expect(committed).toHaveLength(failedIds.size);
    expect(new Set(committed.map((r) => headerText(r, "x-message-id")))).toEqual(failedIds);
    // The killed transaction's DLT records are in the log, aborted: a read_uncommitted reader sees more.
    const everything = await readTopic(seed.kafka, dlt, failedIds.size + 1, { readUncommitted: true, settleMs: 1_000 });
    expect(everything.length).toBeGreaterThan(failedIds.size);

    const { records } = await processed();
    expect(records).toHaveLength(goodIds.size);
    expect(new Set(records.map((r) => r.messageId))).toEqual(goodIds);
    // The killed chunk's successes were stored before the kill; the restart found them and did not apply them again.
    expect(await consumer.metric(`demo_consumer_duplicates_skipped_total{topic="${topic}"}`)).toBeGreaterThan(0);

    const store = await openStore(await backend.create().then((t) => (cleanups.push(() => t.dispose()), t)));
    const cluster = {
      id: topic,
      name: topic,
      brokers: ["127.0.0.1:9092"],
      clientId: "demo-crash-indexer",
      connectionTimeoutMs: 3_000,
      dlqPattern: new RegExp(`^${dlt.replace(/\./g, "\\.")}$`),
    };
    const indexer = clusterDlqIndexer({ cluster, store, groupId: `${topic}-indexer`, discoveryIntervalMs: 1_000 });
    cleanups.push(
      () => store.close(),
      () => indexer.stop(),
      async () => void (await (await seed.connectedAdmin()).deleteGroups([`${topic}-indexer`])),
    );
    await indexer.start();
    const rows = () =>
      store.db
        .select()
        .from(dlqMessage)
        .where(and(eq(dlqMessage.cluster, topic), eq(dlqMessage.topic, dlt)));
    await until(async () => (await rows()).length >= failedIds.size, "the indexer", consumer);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const indexed = await rows();
    expect(indexed).toHaveLength(failedIds.size);
    expect(new Set(indexed.map((row) => `${row.originalPartition}/${row.originalOffset}`)).size).toBe(failedIds.size);
    expect(new Set(indexed.map((row) => row.exceptionClass))).toEqual(new Set(["OfferRejectedError", "MalformedJsonError"]));
    expect(indexed.every((row) => row.convention === "spring-dlt" && row.originalTopic === topic && row.consumerGroup === group)).toBe(
      true,
    );
  });
});
