// Where a redelivery may go, over HTTP against the real broker: 422 naming the topic for a system topic in targetTopic
// or in a forged original-topic header (nothing sent, the message still pending), and for a topic outside
// REDRIVE_REDELIVER_TARGETS; the check the dialogs ask; the jobs route refusing a system target; and the message API
// marking each header as the server's rule (here a custom mapping from REDRIVE_HEADER_MAPPINGS) will send it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { springDltRecord } from "@/e2e/support/dlq-records";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import type { JobDryRun } from "@/lib/contract/job-schemas";
import type { DlqMessageDetails } from "@/lib/contract/schemas";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { callGet, callPost } from "@/test/api-client";
import { recordHeaders } from "@/test/dlq-fixtures";

const prefix = uniqueName("allowed");
const mapping = { name: "billing", originalTopic: "x-billing-topic", exceptionClass: "x-billing-error" };
process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-targets-api-"));
process.env.REDRIVE_REDELIVER_TARGETS = `${prefix}(-.+)?`;
process.env.REDRIVE_HEADER_MAPPINGS = JSON.stringify([mapping]);
delete process.env.DATABASE_URL;

const { getStore } = await import("@/lib/store/store");
const { storeDlqRows } = await import("@/lib/store/dlq-messages");
const redeliverRoute = await import("./[topic]/messages/[partition]/[offset]/redeliver/route");
const detailsRoute = await import("./[topic]/messages/[partition]/[offset]/route");
const jobsRoute = await import("./[topic]/jobs/route");
const targetRoute = await import("../redelivery-target/route");

const seed = new KafkaSeed();
let target = "";
let outside = "";
let dlq = "";
const params = (offset: number) => ({ cluster: "default", topic: dlq, partition: "0", offset: String(offset) });
const url = (offset: number, action = "") => `/api/clusters/default/dlqs/${dlq}/messages/0/${offset}${action ? `/${action}` : ""}`;
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;
const highWatermark = async (topic: string) =>
  (await (await seed.connectedAdmin()).fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
const SYSTEM = (topic: string) => `"${topic}" is a Kafka internal or system topic, which a redelivery never writes to`;

function row(offset: number, headers: readonly (readonly [string, Buffer | string | null])[]) {
  const customMappings = [mapping];
  const bytes = recordHeaders(headers);
  const record = { cluster: "default", topic: dlq, partition: 0, offset: BigInt(offset), timestampMs: 1_000n };
  return dlqRow({ ...record, key: Buffer.from("k"), value: Buffer.from("{}"), headers: bytes }, customMappings);
}

const forged = (originalTopic: string) =>
  springDltRecord({ originalTopic, exceptionClass: "com.shop.Forged", message: "forged", value: "{}" }).headers ?? [];

beforeAll(async () => {
  target = await seed.createTopic(`${prefix}-orders`, 1);
  outside = await seed.createTopic(uniqueName("outside"), 1);
  dlq = `${target}.DLT`;
  await storeDlqRows(await getStore(), [
    row(0, forged(target)),
    row(1, forged("__consumer_offsets")),
    row(2, forged("_schemas")),
    row(3, forged(outside)),
    row(4, [
      ["x-billing-topic", target],
      ["x-billing-error", "com.shop.Declined"],
      ["tenant", "acme"],
      ["x-redrive-count", "1"],
    ]),
  ]);
}, 60_000);

afterAll(() => seed.cleanup());

describe("redelivery targets over HTTP", () => {
  it("answers 422 naming a refused topic, from the request or from the record's own header, and sends nothing", async () => {
    for (const [offset, body, topic] of [
      [0, { targetTopic: "__consumer_offsets" }, "__consumer_offsets"],
      [0, { targetTopic: "connect-configs" }, "connect-configs"],
      [1, {}, "__consumer_offsets"],
      [2, {}, "_schemas"],
    ] as const) {
      const response = await callPost(redeliverRoute.POST, url(offset, "redeliver"), params(offset), body);
      const error = await errorOf(response);
      expect([response.status, error.code], JSON.stringify(body)).toEqual([422, "validation_failed"]);
      expect(error.message).toContain(SYSTEM(topic));
    }
    const narrowed = await callPost(redeliverRoute.POST, url(3, "redeliver"), params(3), {});
    expect(narrowed.status).toBe(422);
    expect((await errorOf(narrowed)).message).toContain(`"${outside}" is not a redelivery target this console allows`);
    for (const offset of [0, 1, 2, 3]) {
      const details = (await (await callGet(detailsRoute.GET, url(offset), params(offset))).json()) as DlqMessageDetails;
      expect(details.status).toBe("pending");
      expect(details.history.map((h) => h.action).every((a) => a === "message.redeliver_failed")).toBe(true);
    }
    expect(await highWatermark(outside)).toBe(0);
    expect(await highWatermark(target)).toBe(0);
  });

  it("tells the dialogs whether a target is allowed, and only operators", async () => {
    const checkUrl = "/api/clusters/default/redelivery-target";
    const cluster = { cluster: "default" };
    const check = async (topic: string) =>
      (await (await callGet(targetRoute.GET, `${checkUrl}?topic=${encodeURIComponent(topic)}`, cluster, "operator")).json()) as object;
    expect(await check("_confluent-metrics")).toEqual({ topic: "_confluent-metrics", refusal: SYSTEM("_confluent-metrics") });
    expect(await check(target)).toEqual({ topic: target, refusal: null });
    expect(await check(outside)).toEqual({ topic: outside, refusal: expect.stringContaining("REDRIVE_REDELIVER_TARGETS") });
    expect((await callGet(targetRoute.GET, `${checkUrl}?topic=x`, cluster, "viewer")).status).toBe(403);
    expect((await callGet(targetRoute.GET, checkUrl, cluster, "operator")).status).toBe(400);
  });

  it("refuses a job to a system topic and reports each refused target in the dry run", async () => {
    const jobsUrl = `/api/clusters/default/dlqs/${dlq}/jobs`;
    const here = { cluster: "default", topic: dlq };
    const refused = await callPost(jobsRoute.POST, jobsUrl, here, { action: "redeliver", filter: {}, targetTopic: "_schemas" });
    expect(refused.status).toBe(422);
    expect((await errorOf(refused)).message).toBe(`targetTopic: ${SYSTEM("_schemas")}`);
    const dryRun = await callPost(jobsRoute.POST, jobsUrl, here, { action: "redeliver", filter: {}, dryRun: true });
    const dry = (await dryRun.json()) as JobDryRun;
    expect(Object.fromEntries(dry.targets.map((t) => [t.topic, t.refusal]))).toEqual({
      [target]: null,
      __consumer_offsets: SYSTEM("__consumer_offsets"),
      _schemas: SYSTEM("_schemas"),
      [outside]: expect.stringContaining("REDRIVE_REDELIVER_TARGETS"),
    });
  });

  it("marks each header as the redelivery will treat it, by the configured mapping, and sends exactly the kept ones", async () => {
    const details = (await (await callGet(detailsRoute.GET, url(4), params(4))).json()) as DlqMessageDetails;
    expect(details.failure.convention).toBe("custom");
    expect(details.headers.map((h) => [h.key, h.kind, h.keptOnRedelivery])).toEqual([
      ["x-billing-topic", "failure", false],
      ["x-billing-error", "failure", false],
      ["tenant", "application", true],
      ["x-redrive-count", "redrive", false],
    ]);
    const sent = await callPost(redeliverRoute.POST, url(4, "redeliver"), params(4), {});
    expect(sent.status).toBe(200);
    const consumer = seed.kafka.consumer({ groupId: uniqueName("targets-api-read") });
    const headers: string[][] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: target, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void headers.push(Object.keys(message.headers ?? {})) });
      await expect.poll(() => headers.length, { timeout: 20_000 }).toBe(1);
    } finally {
      await consumer.disconnect();
    }
    expect(headers[0]).toEqual(["tenant", "x-redrive-id", "x-redrive-source", "x-redrive-count"]);
  });
});
