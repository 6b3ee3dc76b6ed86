// The producer service against the real broker: a push is acknowledged before it is answered and arrives byte for
// byte with one message id per copy; bad requests get 400 naming the field and send nothing; with Kafka down a
// push hears 503 within seconds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/e2e/support/demo-processes";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { headerText, readTopic } from "@/e2e/support/topic-reader";
import { demoLog } from "../demo-log";
import { MAX_BODY_BYTES, startProducerService, type ProducerService } from "./producer-service";

const seed = new KafkaSeed();
const log = demoLog("producer-test", "silent");
let service: ProducerService;
let topic: string;

beforeAll(async () => {
  topic = await seed.createTopic(uniqueName("demo-push"), 2);
  service = await startProducerService({ brokers: ["127.0.0.1:9092"], port: 0, log });
});
afterAll(async () => {
  await service?.close();
  await seed.cleanup();
});

async function push(
  body: unknown,
  url = service.url,
): Promise<{ status: number; body: { msg: string; errors?: { field: string; message: string }[]; error?: string } }> {
  const response = await fetch(`${url}/push`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

async function messagesIn(name: string): Promise<number> {
  const offsets = await (await seed.connectedAdmin()).fetchTopicOffsets(name);
  return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
}

describe("the producer service", () => {
  it("publishes num copies, acknowledged before it answers, each with its own message id", async () => {
    const data = { offerId: "o-1", advertiser: "Café Zoë", bidCents: 9_007_199_254_740_993n.toString() };
    const answer = await push({ topic, num: 5, key: "o-1", data });
    expect(answer).toEqual({ status: 200, body: { msg: "push success", topic, num: 5 } });
    // Read right after the answer: the broker already has all five.
    expect(await messagesIn(topic)).toBe(5);

    const records = await readTopic(seed.kafka, topic, 5, { settleMs: 500 });
    expect(records).toHaveLength(5);
    for (const record of records) {
      expect(record.key?.toString()).toBe("o-1");
      expect(record.value?.equals(Buffer.from(JSON.stringify(data), "utf8"))).toBe(true);
    }
    const ids = records.map((r) => headerText(r, "x-message-id"));
    expect(new Set(ids).size).toBe(5);
    expect(ids.every((id) => /^[0-9a-f-]{36}$/.test(id ?? ""))).toBe(true);
  });

  it("sends a string data as its bytes, so broken JSON can be pushed", async () => {
    const other = await seed.createTopic(uniqueName("demo-push-raw"), 1);
    expect((await push({ topic: other, num: 1, data: "{not json" })).status).toBe(200);
    const [record] = await readTopic(seed.kafka, other, 1, { settleMs: 300 });
    expect(record!.value?.toString()).toBe("{not json");
    expect(record!.key).toBeNull();
  });

  it("answers 400 naming the field for every malformed request, and sends nothing", async () => {
    const before = await messagesIn(topic);
    const cases: [unknown, string][] = [
      [{ num: 1, data: 1 }, "topic"],
      [{ topic: "has space", num: 1, data: 1 }, "topic"],
      [{ topic, data: 1 }, "num"],
      [{ topic, num: "2", data: 1 }, "num"],
      [{ topic, num: 0, data: 1 }, "num"],
      [{ topic, num: 10_001, data: 1 }, "num"],
      [{ topic, num: 200, data: "x".repeat(10_000) }, "num"],
      [{ topic, num: 1 }, "data"],
      [{ topic, num: 1, data: 1, key: 5 }, "key"],
      [{ topic, num: 1, data: 1, extra: true }, "extra"],
      ['{"topic": ', "body"],
      [[1, 2], "body"],
    ];
    for (const [body, field] of cases) {
      const answer = await push(body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(answer.body.msg).toBe("params error");
      expect(answer.body.errors?.map((e) => e.field)).toContain(field);
    }
    expect(await messagesIn(topic)).toBe(before);
  });

  it("does not create a topic that does not exist", async () => {
    const missing = uniqueName("demo-push-missing");
    const answer = await push({ topic: missing, num: 1, data: 1 });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: "topic", message: `topic ${missing} does not exist` }]);
    expect(await (await seed.connectedAdmin()).listTopics()).not.toContain(missing);
  });

  it("refuses a body over the limit with 413, and answers 404/405 off the route", async () => {
    const big = await push({ topic, num: 1, data: "x".repeat(MAX_BODY_BYTES) });
    expect(big.status).toBe(413);
    expect(big.body.errors?.[0]?.field).toBe("body");
    expect((await fetch(`${service.url}/push`)).status).toBe(405);
    expect((await fetch(`${service.url}/nope`, { method: "POST" })).status).toBe(404);
  });
});

describe("the producer service with Kafka down", () => {
  it("answers 503 with a clear message within a few seconds, and stays up", async () => {
    // A port nothing listens on: connections are refused at once.
    const down = await startProducerService({ brokers: [`127.0.0.1:${await freePort()}`], port: 0, log });
    try {
      for (let i = 0; i < 2; i++) {
        const started = performance.now();
        const answer = await push({ topic: "demo.offers.banner", num: 1, data: { offerId: "o" } }, down.url);
        expect(performance.now() - started).toBeLessThan(3_000);
        expect(answer.status).toBe(503);
        expect(answer.body.msg).toBe("kafka unavailable");
        expect(answer.body.error).toMatch(/^Kafka at 127\.0\.0\.1:\d+ is not reachable/);
      }
      expect((await fetch(`${down.url}/health`)).status).toBe(200);
    } finally {
      await down.close();
    }
  });
});
