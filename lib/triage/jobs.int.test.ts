// Bulk jobs against the real broker and both stores: a failure group redelivered exactly once per record (each
// audited with the job id, offsets as they landed), skipped records, a rate limit that paces, pause/resume/cancel,
// records refused by Kafka failing alone with their reason, and a discard job.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { verifyAuditLog } from "@/lib/audit/audit-log";
import { actorFor } from "@/lib/auth/actor";
import { RedriveError } from "@/lib/errors";
import { jobKafkaFor } from "@/lib/kafka/job-kafka";
import { topicNames as listTopicsNow } from "@/lib/kafka/redelivery-batch";
import { auditLog } from "@/lib/store/audit-schema";
import { dlqFailureGroup, dlqMessage } from "@/lib/store/dlq-schema";
import { openStore, type Store } from "@/lib/store/open-store";
import { storeBackends } from "@/test/store-backends";
import { jobActionId } from "./job-action-id";
import { JobRunner } from "./job-runner";
import { controlJob, createJob, dryRunJob, getJobDetails } from "./jobs";
import { header, readTopic, seedDlq, testCluster, waitForJob } from "./jobs.fixture";
import { discard, redeliver } from "./single-actions";

const backends = await storeBackends();
const seed = new KafkaSeed();
afterAll(() => seed.cleanup());

const operator = actorFor("user", "u1", "olga", "operator", "127.0.0.1");
const kafka = jobKafkaFor(testCluster);
/** What the jobs API asks before a dry run or a job: the topics there are now (the runner's list may be seconds old). */
const topicNames = () => listTopicsNow(testCluster);
const where = (dlq: string) => ({ cluster: "default", topic: dlq });

async function withStore(backend: (typeof backends)[number], run: (store: Store, runner: JobRunner) => Promise<void>) {
  const target = await backend.create();
  const store = await openStore(target);
  const runner = new JobRunner({
    store,
    kafkaFor: () => kafka,
    runnerId: uniqueName("runner"),
    takeOverAny: false,
    pollMs: 200,
    retryMs: 300,
  });
  try {
    await run(store, runner);
  } finally {
    await runner.stop();
    await store.close();
    await target.dispose();
  }
}

const fingerprintOf = async (store: Store, dlq: string, exceptionClass: string) =>
  (
    await store.db
      .select({ fp: dlqFailureGroup.fingerprint })
      .from(dlqFailureGroup)
      .where(and(eq(dlqFailureGroup.topic, dlq), eq(dlqFailureGroup.exceptionClass, exceptionClass)))
  )[0]!.fp;

const statusCounts = async (store: Store, dlq: string) =>
  Object.fromEntries(
    (
      await store.db
        .select({ status: dlqMessage.status, n: sql<number>`count(*)::integer` })
        .from(dlqMessage)
        .where(eq(dlqMessage.topic, dlq))
        .groupBy(dlqMessage.status)
    ).map((r) => [r.status, Number(r.n)]),
  );

describe.each(backends)("bulk jobs on $name", (backend) => {
  it("redelivers a failure group exactly once per record, skips what was resolved meanwhile, and audits each with the job id", async () => {
    await withStore(backend, async (store, runner) => {
      const target = await seed.createTopic(uniqueName("orders"), 3);
      const dlq = `${target}.DLT`;
      await seedDlq(store, dlq, [
        { originalTopic: target, exceptionClass: "com.shop.OrderNotFound", count: 1_000 },
        { originalTopic: target, exceptionClass: "com.shop.PriceMissing", count: 200 },
      ]);
      const fingerprint = await fingerprintOf(store, dlq, "com.shop.OrderNotFound");
      // Resolved before the job: not part of it.
      await discard(store, { key: { cluster: "default", topic: dlq, partition: 0, offset: 0n }, actor: operator, reason: "test data" });

      const request = { action: "redeliver" as const, filter: { fingerprint } };
      const dry = await dryRunJob(store, where(dlq), { ...request, dryRun: true }, topicNames);
      expect(dry.count).toBe(999);
      expect(dry.targets).toEqual([{ topic: target, count: 999, exists: true, refusal: null }]);
      expect(dry.sample.map((m) => m.offset)).toEqual(["1", "2", "3", "4", "5"]);

      const { jobId, total } = await createJob(store, where(dlq), request, operator, topicNames);
      expect(total).toBe(999);
      // Resolved after the job was created, before it ran: skipped, not sent.
      await discard(store, { key: { cluster: "default", topic: dlq, partition: 0, offset: 10n }, actor: operator, reason: "test data" });
      runner.start();
      const job = await waitForJob(store, jobId, (j) => j.state === "completed");
      expect({ done: job.done, failed: job.failed, skipped: job.skipped }).toEqual({ done: 998, failed: 0, skipped: 1 });

      const records = await readTopic(seed, target, 998);
      expect(records).toHaveLength(998);
      const ids = records.map((r) => header(r, "x-redrive-id"));
      expect(new Set(ids).size).toBe(998);
      const sources = new Set(records.map((r) => header(r, "x-redrive-source")));
      expect(sources.has(`${dlq}/0/0`) || sources.has(`${dlq}/0/10`)).toBe(false);
      expect(records.every((r) => header(r, "kafka_dlt-exception-fqcn") === null)).toBe(true);
      // The ids are the job's own, item by item (item n is the record at offset n: offset 0 was never an item).
      expect(new Set(ids)).toEqual(new Set(Array.from({ length: 999 }, (_, i) => jobActionId(jobId, i + 1)).filter((_, i) => i !== 9)));

      expect(await statusCounts(store, dlq)).toEqual({ redelivered: 998, discarded: 2, pending: 200 });
      const [group] = await store.db
        .select()
        .from(dlqFailureGroup)
        .where(and(eq(dlqFailureGroup.topic, dlq), eq(dlqFailureGroup.fingerprint, fingerprint)));
      expect({ pending: group!.pending, redelivered: group!.redelivered, discarded: group!.discarded }).toEqual({
        pending: 0,
        redelivered: 998,
        discarded: 2,
      });

      // One audit entry per record, naming the job and where the record landed.
      const entries = await store.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.topic, dlq), eq(auditLog.action, "message.redeliver")));
      expect(entries).toHaveLength(998);
      expect(entries.every((e) => (e.details as { jobId?: string }).jobId === jobId && e.actor === "olga")).toBe(true);
      const landed = new Set(records.map((r) => `${r.partition}/${r.offset}`));
      expect(
        entries.every((e) => landed.has(`${(e.target as { partition: number }).partition}/${(e.target as { offset: string }).offset}`)),
      ).toBe(true);
      const actions = (
        await store.db
          .select({ action: auditLog.action })
          .from(auditLog)
          .where(sql`${auditLog.action} like 'job.%'`)
      ).map((r) => r.action);
      expect(actions).toEqual(["job.create", "job.complete"]);
      expect((await verifyAuditLog(store)).ok).toBe(true);
    });
  });

  it("shares its records with single actions fired while it runs: every record is resolved once, by one of them", async () => {
    await withStore(backend, async (store, runner) => {
      const target = await seed.createTopic(uniqueName("contended"), 2);
      const dlq = `${target}.DLT`;
      await seedDlq(store, dlq, [{ originalTopic: target, exceptionClass: "com.shop.OrderNotFound", count: 600 }]);
      const { jobId } = await createJob(store, where(dlq), { action: "redeliver", filter: {}, ratePerSecond: 300 }, operator, topicNames);
      runner.start();
      const ports = {
        store,
        assertTopicExists: async () => undefined,
        produce: (t: string, m: Parameters<typeof kafka.produceOne>[1]) => kafka.produceOne(t, m),
      };
      const key = (offset: number) => ({ cluster: "default", topic: dlq, partition: 0, offset: BigInt(offset) });
      const singles = await Promise.allSettled(
        Array.from({ length: 120 }, async (_, i) => {
          await new Promise((r) => setTimeout(r, i * 15));
          const offset = (i * 37) % 600;
          return i % 2 === 0
            ? redeliver(ports, { key: key(offset), actor: operator })
            : discard(store, { key: key(offset), actor: operator, reason: "by hand" });
        }),
      );
      const job = await waitForJob(store, jobId, (j) => j.state === "completed");
      // Losers hear 409 (already resolved, or being redelivered by the job); nothing else goes wrong.
      for (const result of singles) if (result.status === "rejected") expect(result.reason).toMatchObject({ kind: "already_resolved" });
      const counts = await statusCounts(store, dlq);
      expect((counts.redelivered ?? 0) + (counts.discarded ?? 0)).toBe(600);
      expect(job.done + job.skipped).toBe(600);
      const records = await readTopic(seed, target, counts.redelivered!);
      expect(records).toHaveLength(counts.redelivered!);
      expect(new Set(records.map((r) => header(r, "x-redrive-source"))).size).toBe(counts.redelivered);
    });
  });

  it("sends to a target topic created a moment before the job, though the runner's topic list predates it", async () => {
    await withStore(backend, async (store) => {
      // A runner of its own, whose list of topics is read now, before the target exists (a cached list is kept for
      // a few seconds): the job must still find the target, not fail every record as sent to a missing topic.
      const own = jobKafkaFor(testCluster);
      const fresh = new JobRunner({
        store,
        kafkaFor: () => own,
        runnerId: uniqueName("runner"),
        takeOverAny: false,
        pollMs: 200,
        retryMs: 300,
      });
      const name = uniqueName("created-late");
      expect((await own.topicNames()).has(name)).toBe(false);
      const target = await seed.createTopic(name, 1);
      const dlq = `${target}.DLT`;
      await seedDlq(store, dlq, [{ originalTopic: target, exceptionClass: "com.shop.OrderNotFound", count: 50 }]);
      const first = await createJob(store, where(dlq), { action: "redeliver", filter: {} }, operator, topicNames);
      fresh.start();
      try {
        const done = await waitForJob(store, first.jobId, (j) => j.state === "completed");
        expect({ done: done.done, failed: done.failed }).toEqual({ done: 50, failed: 0 });
        expect(await readTopic(seed, target, 50)).toHaveLength(50);
        // A target the operator picked, created after the runner's list was read again: the same holds.
        const other = await seed.createTopic(uniqueName("picked-late"), 1);
        await seedDlq(store, dlq, [{ originalTopic: target, exceptionClass: "com.shop.OrderNotFound", count: 20 }], 50);
        const picked = await createJob(store, where(dlq), { action: "redeliver", filter: {}, targetTopic: other }, operator, topicNames);
        fresh.wake();
        const second = await waitForJob(store, picked.jobId, (j) => j.state === "completed");
        expect({ done: second.done, failed: second.failed }).toEqual({ done: 20, failed: 0 });
        expect(await readTopic(seed, other, 20)).toHaveLength(20);
      } finally {
        await fresh.stop();
      }
    });
  });

  it("acts again on the records a job failed on, once the cause is fixed: only those still pending, in the job's order", async () => {
    await withStore(backend, async (store, runner) => {
      const name = uniqueName("not-yet");
      const dlq = `${name}.DLT`;
      await seedDlq(store, dlq, [{ originalTopic: name, exceptionClass: "com.shop.OrderNotFound", count: 40 }]);
      const first = await createJob(store, where(dlq), { action: "redeliver", filter: {} }, operator, topicNames);
      runner.start();
      const failedJob = await waitForJob(store, first.jobId, (j) => j.state === "completed");
      expect({ done: failedJob.done, failed: failedJob.failed }).toEqual({ done: 0, failed: 40 });

      // The operator creates the missing topic and, meanwhile, discards one of the failed records by hand.
      await seed.createTopic(name, 1);
      await discard(store, {
        key: { cluster: "default", topic: dlq, partition: 0, offset: 7n },
        actor: operator,
        reason: "not worth sending",
      });
      const request = { action: "redeliver" as const, failedIn: first.jobId };
      const dry = await dryRunJob(store, where(dlq), { ...request, dryRun: true }, topicNames);
      expect(dry.count).toBe(39);
      expect(dry.targets).toEqual([{ topic: name, count: 39, exists: true, refusal: null }]);
      expect(dry.sample.map((m) => m.offset)).toEqual(["0", "1", "2", "3", "4"]);

      const retry = await createJob(store, where(dlq), request, operator, topicNames);
      expect(retry.total).toBe(39);
      const done = await waitForJob(store, retry.jobId, (j) => j.state === "completed");
      expect({ done: done.done, failed: done.failed, skipped: done.skipped }).toEqual({ done: 39, failed: 0, skipped: 0 });
      expect(done.selector).toEqual({ kind: "failed", jobId: first.jobId });
      const records = await readTopic(seed, name, 39);
      expect(records.map((r) => header(r, "x-redrive-source"))).toEqual(
        Array.from({ length: 40 }, (_, i) => i)
          .filter((i) => i !== 7)
          .map((i) => `${dlq}/0/${i}`),
      );
      expect(await statusCounts(store, dlq)).toEqual({ redelivered: 39, discarded: 1 });
      // Nothing is left to retry, and another DLQ's job is not this DLQ's to retry.
      await expect(createJob(store, where(dlq), request, operator, topicNames)).rejects.toThrow(/No pending message matches/);
      await expect(dryRunJob(store, where(`${uniqueName("elsewhere")}.DLT`), { ...request, dryRun: true }, topicNames)).rejects.toThrow(
        `failedIn: no job "${first.jobId}" on DLQ`,
      );
    });
  });

  it("paces to the rate limit, pauses, resumes and cancels, each audited", async () => {
    await withStore(backend, async (store, runner) => {
      const dlq = `${uniqueName("paced")}.DLT`;
      await seedDlq(store, dlq, [{ originalTopic: "anywhere", exceptionClass: "com.shop.Broken", count: 300 }]);
      const started = Date.now();
      const { jobId } = await createJob(
        store,
        where(dlq),
        { action: "discard", filter: {}, reason: "bad test data", ratePerSecond: 100 },
        operator,
        topicNames,
      );
      runner.start();
      await waitForJob(store, jobId, (j) => j.done >= 50);
      await controlJob(store, jobId, "pause", operator);
      const paused = await waitForJob(store, jobId, (j) => j.runnerId === null);
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await waitForJob(store, jobId, () => true)).done).toBe(paused.done);
      await expect(controlJob(store, jobId, "pause", operator)).rejects.toMatchObject({ kind: "conflict" });
      await controlJob(store, jobId, "resume", operator);
      const done = await waitForJob(store, jobId, (j) => j.state === "completed");
      // 300 records at 100 per second take three seconds at least, pause aside.
      expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
      expect(done.done).toBe(300);
      expect(await statusCounts(store, dlq)).toEqual({ discarded: 300 });
      await expect(controlJob(store, jobId, "resume", operator)).rejects.toThrow("Cannot resume: the job is already completed");

      const second = await createJob(
        store,
        where(`${uniqueName("other")}.DLT`),
        { action: "discard", filter: {}, reason: "x" },
        operator,
        topicNames,
      ).catch((e: RedriveError) => e);
      expect(second).toBeInstanceOf(RedriveError);
      expect((second as RedriveError).message).toMatch(/No pending message matches/);

      const dlq2 = `${uniqueName("cancel")}.DLT`;
      await seedDlq(store, dlq2, [{ originalTopic: "anywhere", exceptionClass: "com.shop.Broken", count: 500 }]);
      const cancelled = await createJob(
        store,
        where(dlq2),
        { action: "discard", filter: {}, reason: "stop", ratePerSecond: 50 },
        operator,
        topicNames,
      );
      await waitForJob(store, cancelled.jobId, (j) => j.done > 0);
      await controlJob(store, cancelled.jobId, "cancel", operator);
      const final = await waitForJob(store, cancelled.jobId, (j) => j.runnerId === null);
      await new Promise((r) => setTimeout(r, 500));
      const counts = await statusCounts(store, dlq2);
      expect(final.state).toBe("cancelled");
      expect(counts.discarded).toBe((await waitForJob(store, cancelled.jobId, () => true)).done);
      expect(counts.pending).toBeGreaterThan(0);
      const actions = (
        await store.db
          .select({ action: auditLog.action })
          .from(auditLog)
          .where(sql`${auditLog.action} like 'job.%'`)
          .orderBy(auditLog.seq)
      ).map((r) => r.action);
      expect(actions).toEqual(["job.create", "job.pause", "job.resume", "job.complete", "job.create", "job.cancel"]);
    });
  });

  it("fails the records Kafka refuses or has no topic for, each alone and with its reason, and sends the rest", async () => {
    await withStore(backend, async (store, runner) => {
      const small = await seed.createTopic(uniqueName("small"), 1, { "max.message.bytes": "3000" });
      const dlq = `${small}.DLT`;
      await seedDlq(store, dlq, [
        { originalTopic: small, exceptionClass: "com.shop.A", count: 20 },
        { originalTopic: small, exceptionClass: "com.shop.A", count: 1, valueBytes: 10_000 },
        { originalTopic: null, exceptionClass: "com.shop.A", count: 2 },
        { originalTopic: uniqueName("gone"), exceptionClass: "com.shop.A", count: 1 },
      ]);
      const dry = await dryRunJob(store, where(dlq), { action: "redeliver", filter: {}, dryRun: true }, topicNames);
      expect(dry.targets).toEqual(
        expect.arrayContaining([
          { topic: small, count: 21, exists: true, refusal: null },
          { topic: null, count: 2, exists: false, refusal: null },
        ]),
      );
      const { jobId } = await createJob(store, where(dlq), { action: "redeliver", filter: {} }, operator, topicNames);
      runner.start();
      const job = await waitForJob(store, jobId, (j) => j.state === "completed");
      expect({ done: job.done, failed: job.failed }).toEqual({ done: 20, failed: 4 });
      expect(await readTopic(seed, small, 20)).toHaveLength(20);
      const failures = await store.db.execute(
        sql`select "offset"::text as "offset", error from triage_job_failure where job_id = ${jobId} order by seq`,
      );
      const errors = (failures as unknown as { rows: { offset: string; error: string }[] }).rows;
      expect(errors.map((e) => e.offset)).toEqual(["20", "21", "22", "23"]);
      expect(errors[0]!.error).toMatch(/too large/);
      expect(errors[1]!.error).toMatch(/original topic is unknown/);
      expect(errors[3]!.error).toMatch(/does not exist/);
      // The job's page counts them by reason, most frequent first.
      const { failureReasons } = await getJobDetails(store, jobId);
      expect(failureReasons.map((r) => r.count)).toEqual([2, 1, 1]);
      expect(failureReasons[0]!.error).toMatch(/original topic is unknown/);
      expect(new Set(failureReasons.map((r) => r.error))).toEqual(new Set([errors[0]!.error, errors[1]!.error, errors[3]!.error]));
      // Failed records stay pending and unclaimed, for a later fix; each failure is audited.
      expect(await statusCounts(store, dlq)).toEqual({ redelivered: 20, pending: 4 });
      const claimed = await store.db
        .select()
        .from(dlqMessage)
        .where(and(eq(dlqMessage.topic, dlq), sql`${dlqMessage.actionId} is not null`, eq(dlqMessage.status, "pending")));
      expect(claimed).toHaveLength(0);
      const failed = await store.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.topic, dlq), eq(auditLog.action, "message.redeliver_failed")));
      expect(failed).toHaveLength(4);
    });
  });
});
