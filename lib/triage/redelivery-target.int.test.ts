// Where a redelivery may go, against the real broker and both stores: a system topic named by the request or by a
// forged original-topic header is refused before anything is claimed or sent (the message stays pending, the refusal
// is audited), REDRIVE_REDELIVER_TARGETS narrows targets further, and a bulk job fails the records whose original
// topic is refused, each with the reason, while it sends the others.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { springDltRecord } from "@/e2e/support/dlq-records";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { actorFor } from "@/lib/auth/actor";
import { dlqRow } from "@/lib/dlq/dlq-row";
import type { RedeliveryMessage } from "@/lib/dlq/redelivery";
import { RefusedTargetError } from "@/lib/dlq/redelivery-target";
import { parseServerEnv } from "@/lib/env-schema";
import { jobKafkaFor } from "@/lib/kafka/job-kafka";
import { assertTopicExists, produceRedelivery } from "@/lib/kafka/redeliver";
import { topicNames as listTopicsNow } from "@/lib/kafka/redelivery-batch";
import { auditLog } from "@/lib/store/audit-schema";
import { storeDlqRows } from "@/lib/store/dlq-messages";
import { dlqMessage } from "@/lib/store/dlq-schema";
import { redeliveryInFlight } from "@/lib/store/job-schema";
import type { Store } from "@/lib/store/open-store";
import { openTestStore, storeBackends } from "@/test/store-backends";
import { JobRunner } from "./job-runner";
import { createJob, dryRunJob, getJobDetails } from "./jobs";
import { readTopic, seedDlq, testCluster, waitForJob } from "./jobs.fixture";
import { redeliver, type TriagePorts } from "./single-actions";
import { recordHeaders } from "@/test/dlq-fixtures";

const backends = await storeBackends();
const seed = new KafkaSeed();
const operator = actorFor("user", "u1", "olga", "operator", "127.0.0.1");
const SCHEMAS = "_schemas";
const systemRefusal = (topic: string) => `"${topic}" is a Kafka internal or system topic, which a redelivery never writes to`;
const outsideRefusal = (topic: string) => `"${topic}" is not a redelivery target this console allows (REDRIVE_REDELIVER_TARGETS)`;
/** REDRIVE_REDELIVER_TARGETS as the server reads it (anchored to the whole name). */
const allowOnly = (pattern: string) => parseServerEnv({ REDRIVE_REDELIVER_TARGETS: pattern }).REDRIVE_REDELIVER_TARGETS!;

// Schema Registry's topic is an ordinary topic to Kafka (unlike __consumer_offsets, which the broker itself refuses
// to take records for): it must exist here for "nothing was sent to it" to mean something.
beforeAll(async () => {
  await seed.createTopic(SCHEMAS, 1).catch((error: { type?: string }) => {
    if (error.type !== "TOPIC_ALREADY_EXISTS") throw error;
  });
});
afterAll(() => seed.cleanup());

async function highWatermark(topic: string): Promise<number> {
  return (await (await seed.connectedAdmin()).fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
}

function storedRecord(dlq: string, offset: number, originalTopic: string) {
  const failure = { originalTopic, exceptionClass: "com.shop.Forged", message: `Order ${offset} forged` };
  const record = springDltRecord({ ...failure, key: `o-${offset}`, value: `{"order":${offset}}` });
  return dlqRow({
    cluster: "default",
    topic: dlq,
    partition: 0,
    offset: BigInt(offset),
    timestampMs: 1_000n,
    key: Buffer.from(String(record.key)),
    value: Buffer.from(String(record.value)),
    headers: recordHeaders(record.headers),
  });
}

describe.each(backends)("redelivery targets on $name", (backend) => {
  async function withStore(run: (store: Store) => Promise<void>) {
    const { store, dispose } = await openTestStore(backend);
    try {
      await run(store);
    } finally {
      await dispose();
    }
  }

  it("refuses a system topic from the request or from a forged original-topic header: nothing claimed or sent, still pending", async () => {
    await withStore(async (store) => {
      const target = await seed.createTopic(uniqueName("orders"), 1);
      const other = await seed.createTopic(uniqueName("elsewhere"), 1);
      const dlq = `${target}.DLT`;
      await storeDlqRows(store, [storedRecord(dlq, 0, target), storedRecord(dlq, 1, "__consumer_offsets"), storedRecord(dlq, 2, SCHEMAS)]);
      const sends: string[] = [];
      const ports = (redeliverTargets?: RegExp): TriagePorts => ({
        store,
        assertTopicExists: (t) => assertTopicExists(testCluster, t),
        produce: (t: string, m: RedeliveryMessage) => {
          sends.push(t);
          return produceRedelivery(testCluster, t, m);
        },
        redeliverTargets,
      });
      const key = (offset: number) => ({ cluster: "default", topic: dlq, partition: 0, offset: BigInt(offset) });
      const at = (offset: number) => and(eq(dlqMessage.topic, dlq), eq(dlqMessage.offset, BigInt(offset)));
      const row = async (offset: number) =>
        (await store.db.select({ status: dlqMessage.status, actionId: dlqMessage.actionId }).from(dlqMessage).where(at(offset)))[0];
      const refused = (offset: number) =>
        store.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.topic, dlq), eq(auditLog.offset, BigInt(offset)), eq(auditLog.action, "message.redeliver_failed")));
      const schemasBefore = await highWatermark(SCHEMAS);

      const fromRequest = await redeliver(ports(), { key: key(0), actor: operator, targetTopic: "__consumer_offsets" }).catch(
        (e: unknown) => e,
      );
      expect(fromRequest).toBeInstanceOf(RefusedTargetError);
      expect((fromRequest as Error).message).toBe(`targetTopic: ${systemRefusal("__consumer_offsets")}`);

      for (const [offset, forged] of [
        [1, "__consumer_offsets"],
        [2, SCHEMAS],
      ] as const) {
        const error = await redeliver(ports(), { key: key(offset), actor: operator }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RefusedTargetError);
        expect((error as Error).message).toContain(`The record's original topic (from its failure headers`);
        expect((error as Error).message).toContain(systemRefusal(forged));
        expect(await row(offset)).toEqual({ status: "pending", actionId: null });
        const [entry] = await refused(offset);
        expect(entry).toMatchObject({ target: { topic: forged }, details: { error: expect.stringContaining(systemRefusal(forged)) } });
      }
      expect(await row(0)).toEqual({ status: "pending", actionId: null });
      expect(sends).toEqual([]);
      expect(await store.db.select().from(redeliveryInFlight)).toEqual([]);
      expect(await highWatermark(SCHEMAS)).toBe(schemasBefore);

      // REDRIVE_REDELIVER_TARGETS: the whole name must match, so a topic outside it is refused, whatever its source.
      const narrowed = ports(allowOnly(target));
      const elsewhere = redeliver(narrowed, { key: key(0), actor: operator, targetTopic: other });
      await expect(elsewhere).rejects.toThrow(`targetTopic: ${outsideRefusal(other)}`);
      await storeDlqRows(store, [storedRecord(dlq, 3, other)]);
      await expect(redeliver(narrowed, { key: key(3), actor: operator })).rejects.toThrow(
        /original topic.*is not a redelivery target this console allows/,
      );
      expect(await highWatermark(other)).toBe(0);
      expect(sends).toEqual([]);

      // The operator can still send a forged record where it belongs, and an allowed target is sent to as ever.
      await redeliver(narrowed, { key: key(1), actor: operator, targetTopic: target });
      await redeliver(narrowed, { key: key(0), actor: operator });
      expect(sends).toEqual([target, target]);
      expect((await row(1))!.status).toBe("redelivered");
      expect(await highWatermark(target)).toBe(2);
    });
  }, 120_000);

  it("fails a bulk job's records whose original topic is refused, with the reason, and sends the others", async () => {
    await withStore(async (store) => {
      const target = await seed.createTopic(uniqueName("parcels"), 1);
      const outside = await seed.createTopic(uniqueName("outside"), 1);
      const dlq = `${target}.DLT`;
      await seedDlq(store, dlq, [
        { originalTopic: target, exceptionClass: "com.shop.A", count: 10 },
        { originalTopic: "__consumer_offsets", exceptionClass: "com.shop.A", count: 2 },
        { originalTopic: SCHEMAS, exceptionClass: "com.shop.A", count: 3 },
        { originalTopic: outside, exceptionClass: "com.shop.A", count: 1 },
      ]);
      const allowed = allowOnly(`${target}|${SCHEMAS}`);
      const topics = () => listTopicsNow(testCluster);
      const schemasBefore = await highWatermark(SCHEMAS);

      const here = { cluster: "default", topic: dlq };
      const dry = await dryRunJob(store, here, { action: "redeliver", filter: {}, dryRun: true }, topics, allowed);
      expect(dry.count).toBe(16);
      expect(dry.targets).toEqual(
        expect.arrayContaining([
          { topic: target, count: 10, exists: true, refusal: null },
          { topic: "__consumer_offsets", count: 2, exists: true, refusal: systemRefusal("__consumer_offsets") },
          { topic: SCHEMAS, count: 3, exists: true, refusal: systemRefusal(SCHEMAS) },
          { topic: outside, count: 1, exists: true, refusal: outsideRefusal(outside) },
        ]),
      );
      // A refused target named for the whole job: refused at once, and shown so by the dry run.
      const toConnect = { action: "redeliver" as const, filter: {}, targetTopic: "connect-offsets" };
      const toConnectJob = createJob(store, here, toConnect, operator, topics, allowed);
      await expect(toConnectJob).rejects.toThrow(`targetTopic: ${systemRefusal("connect-offsets")}`);
      const named = await dryRunJob(store, here, { action: "redeliver", filter: {}, targetTopic: outside, dryRun: true }, topics, allowed);
      expect(named.targets).toEqual([{ topic: outside, count: 16, exists: true, refusal: outsideRefusal(outside) }]);

      const { jobId } = await createJob(store, here, { action: "redeliver", filter: {} }, operator, topics, allowed);
      const kafka = jobKafkaFor(testCluster);
      const runnerId = uniqueName("runner");
      const timing = { pollMs: 200, retryMs: 300 };
      const runner = new JobRunner({ store, kafkaFor: () => kafka, runnerId, takeOverAny: false, ...timing, redeliverTargets: allowed });
      runner.start();
      try {
        const job = await waitForJob(store, jobId, (j) => j.state === "completed");
        expect({ done: job.done, failed: job.failed }).toEqual({ done: 10, failed: 6 });
      } finally {
        await runner.stop();
      }
      expect(await readTopic(seed, target, 10)).toHaveLength(10);
      expect(await highWatermark(SCHEMAS)).toBe(schemasBefore);
      expect(await highWatermark(outside)).toBe(0);
      const { failureReasons } = await getJobDetails(store, jobId);
      expect(failureReasons.map((r) => [r.error, r.count])).toEqual([
        [`Target topic refused: ${systemRefusal(SCHEMAS)}`, 3],
        [`Target topic refused: ${systemRefusal("__consumer_offsets")}`, 2],
        [`Target topic refused: ${outsideRefusal(outside)}`, 1],
      ]);
      // The refused records stay pending and unclaimed, each failure audited.
      const unclaimed = and(eq(dlqMessage.topic, dlq), eq(dlqMessage.status, "pending"), sql`${dlqMessage.actionId} is null`);
      const pending = await store.db.select().from(dlqMessage).where(unclaimed);
      const refusedTopics = ["__consumer_offsets", "__consumer_offsets", SCHEMAS, SCHEMAS, SCHEMAS, outside];
      expect(pending.map((r) => r.originalTopic).sort()).toEqual(refusedTopics.sort());
      const failedAt = and(eq(auditLog.topic, dlq), eq(auditLog.action, "message.redeliver_failed"));
      const failed = await store.db.select().from(auditLog).where(failedAt);
      expect(failed).toHaveLength(6);
    });
  }, 120_000);
});
