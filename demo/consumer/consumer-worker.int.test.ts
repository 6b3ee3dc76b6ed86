// The consumer worker as a child process against the real broker: each failure layer lands in the DLT once with
// Spring DLT headers the console parses, good messages are stored exactly as pushed, at most N are in flight,
// SIGTERM commits what is in hand, and neither a duplicate nor a repeated redelivery is applied twice.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DemoProcess, type ProcessedAnswer } from "@/e2e/support/demo-processes";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { headerText, readTopic, type ReadRecord } from "@/e2e/support/topic-reader";
import { parseFailureHeaders } from "@/lib/dlq/parse-failure";
import { redeliveryMessage } from "@/lib/dlq/redelivery";
import { demoLog } from "../demo-log";
import { startProducerService, type ProducerService } from "../producer/producer-service";

const seed = new KafkaSeed();
const prefix = uniqueName("demo-worker");
const banner = `${prefix}.banner`;
const video = `${prefix}.video`;
const group = `${prefix}-group`;
const dataDir = mkdtempSync(join(tmpdir(), "demo-consumer-"));
const consumerEnv = {
  DEMO_CONSUMER_TOPICS: `${banner}=banner,${video}=video`,
  DEMO_CONSUMER_GROUP: group,
  DEMO_CONSUMER_DATA_DIR: dataDir,
  DEMO_CONSUMER_HANDLER_TIMEOUT_MS: "400",
  DEMO_CONSUMER_RETRIES: "2",
  DEMO_CONSUMER_RETRY_BACKOFF_MS: "20",
  DEMO_CONSUMER_SESSION_TIMEOUT_MS: "6000",
};
let producer: ProducerService;
let consumer: DemoProcess;

const offer = (key: string, overrides: object = {}) => ({
  offerId: key,
  advertiser: "acme",
  bidCents: 120,
  width: 300,
  height: 250,
  imageUrl: "https://cdn.example/a.png",
  ...overrides,
});
const bannerCases = {
  good: offer("good", { advertiser: "Café Zoë", note: "9007199254740993" }),
  flaky: offer("flaky", { imageUrl: "https://img.flaky.test/a.png" }),
  badJson: '{"offerId": "bad-json", ',
  zeroBid: offer("zero-bid", { bidCents: 0 }),
  billboard: offer("billboard", { width: 970, height: 250 }),
  unavailable: offer("unavailable", { imageUrl: "https://img.unavailable.test/a.png" }),
};
const videoOffer = {
  offerId: "hangs",
  advertiser: "acme",
  bidCents: 500,
  durationSeconds: 15,
  vastUrl: "https://ads.unresponsive.test/vast",
};

async function push(topic: string, key: string, data: unknown, num = 1): Promise<void> {
  const response = await fetch(`${producer.url}/push`, { method: "POST", body: JSON.stringify({ topic, num, key, data }) });
  expect(response.status, await response.clone().text()).toBe(200);
}

const processed = (topic: string, key?: string) =>
  consumer
    .json<ProcessedAnswer>(`/processed?topic=${encodeURIComponent(topic)}${key === undefined ? "" : `&key=${encodeURIComponent(key)}`}`)
    .then((r) => r.body);

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${consumer.output().slice(-3_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  await seed.createTopic(banner, 2);
  await seed.createTopic(video, 1);
  producer = await startProducerService({ brokers: ["127.0.0.1:9092"], port: 0, log: demoLog("test", "silent") });
  consumer = await DemoProcess.start("consumer", consumerEnv);
});

afterAll(async () => {
  consumer?.kill("SIGKILL");
  await producer?.close();
  const admin = await seed.connectedAdmin();
  await admin.deleteTopics({ topics: [`${banner}.DLT`, `${video}.DLT`] }).catch(() => undefined);
  await admin.deleteGroups([group]).catch(() => undefined);
  await seed.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the consumer worker", () => {
  let sources: Map<string, ReadRecord>;
  let dlt: ReadRecord[];

  it("sends each failure layer to <topic>.DLT once, with Spring DLT headers the console parses", async () => {
    for (const [key, data] of Object.entries(bannerCases)) await push(banner, key, data);
    await push(video, "hangs", videoOffer);
    sources = new Map((await readTopic(seed.kafka, banner, 6, { settleMs: 300 })).map((r) => [r.key!.toString(), r]));

    dlt = await readTopic(seed.kafka, `${banner}.DLT`, 4);
    const failures = new Map(dlt.map((record) => [record.key!.toString(), { record, failure: parseFailureHeaders(record.headers) }]));
    expect([...failures.keys()].sort()).toEqual(["badJson", "billboard", "unavailable", "zeroBid"]);

    const expected = {
      badJson: { exceptionClass: "MalformedJsonError", causeClass: "SyntaxError", attempts: 1, message: /^The value is not valid JSON/ },
      zeroBid: {
        exceptionClass: "OfferRejectedError",
        causeClass: null,
        attempts: 1,
        message: /^Offer zero-bid bids 0 cents; the floor is 1 cent$/,
      },
      billboard: {
        exceptionClass: "OfferRejectedError",
        causeClass: null,
        attempts: 1,
        message: /^Banner size 970x250 of offer billboard is not a supported IAB size$/,
      },
      unavailable: {
        exceptionClass: "RetriesExhaustedError",
        causeClass: "DependencyUnavailableError",
        attempts: 3,
        message: /^Gave up after 3 attempts: GET https:\/\/img\.unavailable\.test/,
      },
    };
    for (const [key, want] of Object.entries(expected)) {
      const { record, failure } = failures.get(key)!;
      const source = sources.get(key)!;
      expect(failure).toMatchObject({
        convention: "spring-dlt",
        exceptionClass: want.exceptionClass,
        causeClass: want.causeClass,
        attempts: want.attempts,
        originalTopic: banner,
        originalPartition: source.partition,
        originalOffset: source.offset,
        consumerGroup: group,
      });
      expect(failure.message).toMatch(want.message);
      expect(failure.stacktrace).toContain(want.exceptionClass);
      // Same partition number as the original, key and value byte for byte, the original headers kept.
      expect(record.partition).toBe(source.partition);
      expect(record.value?.equals(source.value!)).toBe(true);
      expect(headerText(record, "x-message-id")).toBe(headerText(source, "x-message-id"));
    }

    const [hung] = await readTopic(seed.kafka, `${video}.DLT`, 1);
    expect(parseFailureHeaders(hung!.headers)).toMatchObject({
      exceptionClass: "HandlerTimeoutError",
      attempts: 1,
      message: "The handler did not finish within 400 ms (attempt 1)",
    });
  });

  it("stores the good messages exactly as pushed, and answers at once for what was never published", async () => {
    const answer = await processed(banner);
    expect(answer.records.map((r) => [r.key?.text, r.attempts]).sort()).toEqual([
      ["flaky", 2],
      ["good", 1],
    ]);
    const good = answer.records.find((r) => r.key?.text === "good")!;
    expect(good.value?.text).toBe(JSON.stringify(bannerCases.good));
    expect(good.messageId).toBe(headerText(sources.get("good")!, "x-message-id"));
    expect(good).toMatchObject({
      topic: banner,
      partition: sources.get("good")!.partition,
      offset: sources.get("good")!.offset,
      redriveId: null,
      fixed: false,
    });

    const started = performance.now();
    expect(await processed(uniqueName("never-published"), "nothing")).toEqual({ count: 0, records: [] });
    expect(await processed(banner, "no-such-key")).toEqual({ count: 0, records: [] });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect((await consumer.json("/processed?limit=0")).status).toBe(400);

    expect(await consumer.metric(`demo_consumer_messages_processed_total{topic="${banner}"}`)).toBe(2);
    expect(await consumer.metric(`demo_consumer_messages_dead_lettered_total{topic="${banner}",exception="OfferRejectedError"}`)).toBe(2);
    expect(await consumer.metric(`demo_consumer_failed_attempts_total{topic="${banner}",error="DependencyUnavailableError"}`)).toBe(4);
    expect(await consumer.metric(`demo_consumer_processing_seconds_count{topic="${video}",outcome="failed"}`)).toBe(1);
  });

  it("skips an exact duplicate of a processed message (same x-message-id)", async () => {
    const good = sources.get("good")!;
    await seed.produceRecords(banner, [
      { partition: good.partition, key: good.key, value: good.value, headers: good.headers.map((h) => [h.key, h.value] as const) },
    ]);
    await until(
      async () => (await consumer.metric(`demo_consumer_duplicates_skipped_total{topic="${banner}"}`)) === 1,
      "the duplicate to be skipped",
    );
    expect((await processed(banner, "good")).count).toBe(1);
  });

  it("keeps at most DEMO_CONSUMER_MAX_IN_FLIGHT messages in flight", async () => {
    await consumer.stop();
    consumer = await DemoProcess.start("consumer", { ...consumerEnv, DEMO_CONSUMER_MAX_IN_FLIGHT: "2" });
    // Six slow messages with different keys: without the bound all six would run at once.
    for (let i = 0; i < 6; i++) await push(video, `slow-${i}`, { ...videoOffer, offerId: `slow-${i}` });
    const samples: number[] = [];
    await until(async () => {
      samples.push(await consumer.metric("demo_consumer_messages_in_flight"));
      return (await consumer.metric(`demo_consumer_messages_dead_lettered_total{topic="${video}",exception="HandlerTimeoutError"}`)) === 6;
    }, "six timeouts");
    expect(Math.max(...samples)).toBe(2);
  });

  it("after a restart in fixed mode, applies a redelivery once: not again for the same x-redrive-id, nor for a new one of the same message", async () => {
    expect(await consumer.stop()).toBe(0);
    consumer = await DemoProcess.start("consumer", consumerEnv, ["--fixed"]);
    expect((await consumer.json<{ fixed: boolean }>("/health")).body.fixed).toBe(true);

    const billboard = dlt.find((r) => r.key?.toString() === "billboard")!;
    const redeliver = (actionId: string) => {
      const message = redeliveryMessage(
        {
          topic: `${banner}.DLT`,
          partition: billboard.partition,
          offset: BigInt(billboard.offset),
          key: billboard.key,
          value: billboard.value,
          headers: billboard.headers,
          convention: "spring-dlt",
        },
        actionId,
      );
      return seed.produceRecords(banner, [
        {
          partition: billboard.partition,
          key: message.key,
          value: message.value,
          headers: message.headers.map((h) => [h.key, h.value] as const),
        },
      ]);
    };
    const actionId = randomUUID();
    await redeliver(actionId);
    await until(async () => (await processed(banner, "billboard")).count === 1, "the redelivered billboard to be processed");
    const [record] = (await processed(banner, "billboard")).records;
    expect(record).toMatchObject({ redriveId: actionId, fixed: true, messageId: headerText(billboard, "x-message-id") });
    expect(record!.value?.text).toBe(JSON.stringify(bannerCases.billboard));
    // The metric counts just after the row is stored, which /processed may show first. Nothing committed before
    // the restart was processed again: the redelivery is all this instance processed.
    await until(
      async () => (await consumer.metric(`demo_consumer_messages_processed_total{topic="${banner}"}`)) === 1,
      "the redelivery's commit",
    );

    await redeliver(actionId);
    await redeliver(randomUUID());
    await until(
      async () => (await consumer.metric(`demo_consumer_duplicates_skipped_total{topic="${banner}"}`)) === 2,
      "both repeats to be skipped",
    );
    expect((await processed(banner, "billboard")).count).toBe(1);
    expect(await consumer.metric(`demo_consumer_messages_processed_total{topic="${banner}"}`)).toBe(1);
  });

  it("on SIGTERM finishes and commits the messages in hand, so a restart redoes none of them", async () => {
    await consumer.stop();
    // Transactions held open for a while, so SIGTERM arrives in the middle of the stream.
    consumer = await DemoProcess.start("consumer", { ...consumerEnv, DEMO_CONSUMER_CHUNK: "5", DEMO_CONSUMER_COMMIT_DELAY_MS: "300" });
    for (let i = 0; i < 40; i++) await push(banner, `burst-${i}`, offer(`burst-${i}`, i % 4 === 0 ? { bidCents: 0 } : {}));
    await until(async () => (await consumer.metric(`demo_consumer_messages_processed_total{topic="${banner}"}`)) > 0, "the burst to start");
    expect(await consumer.stop()).toBe(0);
    expect(consumer.logs.some((l) => l.msg === "stopped")).toBe(true);

    consumer = await DemoProcess.start("consumer", consumerEnv);
    await until(
      async () => (await processed(banner)).records.filter((r) => r.key?.text?.startsWith("burst-")).length === 30,
      "the rest of the burst",
    );
    const dltBursts = (await readTopic(seed.kafka, `${banner}.DLT`, 14)).filter((r) => r.key?.toString().startsWith("burst-"));
    expect(dltBursts).toHaveLength(10);
    expect(new Set(dltBursts.map((r) => r.key?.toString())).size).toBe(10);
    // Had SIGTERM dropped the chunk in hand, its stored successes would be skipped as duplicates now.
    expect(await consumer.metric(`demo_consumer_duplicates_skipped_total{topic="${banner}"}`)).toBe(0);
  });
});

describe("the consumer worker under a stream of transactions", () => {
  it("commits hundreds of back-to-back transactions without a batch failing (CONCURRENT_TRANSACTIONS is retried)", async () => {
    const topic = await seed.createTopic(uniqueName("demo-worker-txns"), 2);
    const COUNT = 4_000;
    const producer = seed.kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: COUNT }, (_, i) => ({
        key: `t-${i}`,
        value: JSON.stringify(offer(`t-${i}`)),
        headers: { "x-message-id": randomUUID() },
      })),
    });
    await producer.disconnect();
    const dir = mkdtempSync(join(tmpdir(), "demo-consumer-txns-"));
    const worker = await DemoProcess.start("consumer", {
      DEMO_CONSUMER_TOPICS: `${topic}=banner`,
      DEMO_CONSUMER_GROUP: `${topic}-group`,
      DEMO_CONSUMER_DATA_DIR: dir,
      DEMO_CONSUMER_CHUNK: "10",
    });
    try {
      const deadline = Date.now() + 120_000;
      while ((await worker.metric(`demo_consumer_messages_processed_total{topic="${topic}"}`)) < COUNT) {
        if (Date.now() > deadline) throw new Error(`not all processed:\n${worker.output().slice(-3_000)}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(worker.logs.filter((l) => l.msg === "batch failed; kafkajs retries it")).toEqual([]);
      expect(await worker.metric(`demo_consumer_duplicates_skipped_total{topic="${topic}"}`)).toBe(0);
    } finally {
      worker.kill("SIGKILL");
      const admin = await seed.connectedAdmin();
      await admin.deleteGroups([`${topic}-group`]).catch(() => undefined);
      // The worker created it; the seed deletes only the topics it made.
      await admin.deleteTopics({ topics: [`${topic}.DLT`] }).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
