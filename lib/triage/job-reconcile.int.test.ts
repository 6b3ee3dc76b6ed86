// What a crash leaves behind, against the real broker and both stores: a job runner that died between sending a
// batch and recording it (the next runner finds what landed by x-redrive-id and sends only the rest), two runners
// sharing one PostgreSQL (a job runs on one of them; a runner that stops is taken over), and single redeliveries
// left claimed (found → recorded; not found → released).
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { actorFor } from "@/lib/auth/actor";
import type { FailureConvention } from "@/lib/dlq/failure-conventions";
import { redeliveryMessage } from "@/lib/dlq/redelivery";
import { jobKafkaFor } from "@/lib/kafka/job-kafka";
import { assertTopicExists, produceRedelivery } from "@/lib/kafka/redeliver";
import { auditLog } from "@/lib/store/audit-schema";
import { dlqMessage } from "@/lib/store/dlq-schema";
import { storedHeaders } from "@/lib/store/dlq-wire";
import { claimRecords, nextItems } from "@/lib/store/job-batches";
import { claimNextJob } from "@/lib/store/job-queries";
import { redeliveryInFlight } from "@/lib/store/job-schema";
import { openStore, type Store } from "@/lib/store/open-store";
import { storeBackends } from "@/test/store-backends";
import { jobActionId } from "./job-action-id";
import { JobRunner } from "./job-runner";
import { createJob } from "./jobs";
import { header, readTopic, seedDlq, testCluster, waitForJob } from "./jobs.fixture";
import { reconcileStaleRedeliveries } from "./reconcile-redeliveries";
import { claimForRedelivery, redeliver } from "./single-actions";

const backends = await storeBackends();
const seed = new KafkaSeed();
afterAll(() => seed.cleanup());

const operator = actorFor("user", "u1", "olga", "operator", "127.0.0.1");
const kafka = jobKafkaFor(testCluster);
const topicNames = () => kafka.topicNames();
const newRunner = (store: Store, leaseMs = 15_000) =>
  new JobRunner({ store, kafkaFor: () => kafka, runnerId: uniqueName("runner"), takeOverAny: false, pollMs: 200, retryMs: 300, leaseMs });

async function withStore(backend: (typeof backends)[number], run: (store: Store) => Promise<void>) {
  const target = await backend.create();
  const store = await openStore(target);
  try {
    await run(store);
  } finally {
    await store.close();
    await target.dispose();
  }
}

/** Exactly one record per id, and exactly these ids. */
function expectOncePerId(records: Awaited<ReturnType<typeof readTopic>>, ids: readonly string[]) {
  const seen = records.map((r) => header(r, "x-redrive-id"));
  expect(seen).toHaveLength(ids.length);
  expect(new Set(seen)).toEqual(new Set(ids));
}

describe.each(backends)("reconciliation on $name", (backend) => {
  it("a runner that died after sending part of a batch: what landed is recorded once, the rest is sent once", async () => {
    await withStore(backend, async (store) => {
      const target = await seed.createTopic(uniqueName("orders"), 2);
      const dlq = `${target}.DLT`;
      await seedDlq(store, dlq, [{ originalTopic: target, exceptionClass: "com.shop.OrderNotFound", count: 600 }]);
      const { jobId } = await createJob(
        store,
        { cluster: "default", topic: dlq },
        { action: "redeliver", filter: {} },
        operator,
        topicNames,
      );

      // The runner that dies: claims the job (a lease that runs out at once), claims a batch of 500, sends 250 of them.
      const dying = (await claimNextJob(store, "dying-runner", 1, false))!;
      const items = await nextItems(store.db, dying, dying.cursor, 500, Number.MAX_SAFE_INTEGER);
      const claimed = await claimRecords(store.db, dying, items);
      const sentBeforeDying = claimed.records.slice(0, 250).map((record) => ({
        topic: target,
        ...redeliveryMessage(
          {
            topic: dlq,
            partition: record.partition,
            offset: record.offset,
            key: record.key,
            value: record.value,
            headers: storedHeaders(record.headers),
            convention: record.convention as FailureConvention,
          },
          jobActionId(jobId, record.seq),
        ),
      }));
      await kafka.produceBatch(sentBeforeDying);

      const runner = newRunner(store);
      runner.start();
      try {
        const job = await waitForJob(store, jobId, (j) => j.state === "completed");
        expect({ done: job.done, failed: job.failed, skipped: job.skipped }).toEqual({ done: 600, failed: 0, skipped: 0 });
      } finally {
        await runner.stop();
      }
      expectOncePerId(
        await readTopic(seed, target, 600),
        Array.from({ length: 600 }, (_, i) => jobActionId(jobId, i + 1)),
      );
      const entries = await store.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.topic, dlq), eq(auditLog.action, "message.redeliver")));
      expect(entries).toHaveLength(600);
      expect(entries.filter((e) => (e.details as { reconciled?: boolean }).reconciled)).toHaveLength(250);
      const pending = await store.db
        .select()
        .from(dlqMessage)
        .where(and(eq(dlqMessage.topic, dlq), eq(dlqMessage.status, "pending")));
      expect(pending).toHaveLength(0);
    });
  });

  it("a single redelivery a crash left claimed: found in the target → redelivered; not found → pending again", async () => {
    await withStore(backend, async (store) => {
      const target = await seed.createTopic(uniqueName("payments"), 1);
      const dlq = `${target}.DLT`;
      await seedDlq(store, dlq, [{ originalTopic: target, exceptionClass: "com.shop.Declined", count: 2 }]);
      const key = (offset: bigint) => ({ cluster: "default", topic: dlq, partition: 0, offset });
      const ports = {
        store,
        assertTopicExists: (t: string) => assertTopicExists(testCluster, t),
        produce: (t: string, m: Parameters<typeof produceRedelivery>[2]) => produceRedelivery(testCluster, t, m),
      };

      // Record 0 was sent before the crash; record 1 only claimed.
      const sent = await claimForRedelivery(store, key(0n), target, operator, "11111111-1111-4111-8111-111111111111");
      await kafka.produceOne(
        target,
        redeliveryMessage(
          {
            ...key(0n),
            key: sent.key,
            value: sent.value,
            headers: storedHeaders(sent.headers),
            convention: sent.convention as FailureConvention,
          },
          "11111111-1111-4111-8111-111111111111",
        ),
      );
      await claimForRedelivery(store, key(1n), target, operator, "22222222-2222-4222-8222-222222222222");
      await expect(redeliver(ports, { key: key(0n), actor: operator })).rejects.toThrow(/being redelivered/);

      // Too recent to be a crash's: left alone.
      expect(await reconcileStaleRedeliveries(store, () => kafka)).toBe(0);
      expect(await reconcileStaleRedeliveries(store, () => kafka, 0)).toBe(2);

      const status = async (offset: bigint) =>
        (
          await store.db
            .select()
            .from(dlqMessage)
            .where(and(eq(dlqMessage.topic, dlq), eq(dlqMessage.offset, offset)))
        )[0]!;
      expect((await status(0n)).status).toBe("redelivered");
      expect(await status(1n)).toMatchObject({ status: "pending", actionId: null });
      const audit = await store.db.select().from(auditLog).where(eq(auditLog.topic, dlq)).orderBy(auditLog.seq);
      expect(audit.map((e) => [e.offset, e.action, e.actor, (e.details as { reconciled?: boolean }).reconciled])).toEqual([
        [0n, "message.redeliver", "olga", true],
        [1n, "message.redeliver_failed", "olga", true],
      ]);
      expect(audit[0]!.target).toMatchObject({ topic: target, partition: 0, offset: "0" });
      expect(await store.db.select().from(redeliveryInFlight)).toHaveLength(0);

      // Released means usable again: a new redelivery goes through, and the target holds one record per action.
      await redeliver(ports, { key: key(1n), actor: operator });
      expect(await readTopic(seed, target, 2)).toHaveLength(2);
    });
  });
});

const postgres = backends.find((b) => b.name === "postgres");
describe.runIf(postgres)("runners sharing one PostgreSQL", () => {
  it("run a job on one runner at a time, and take over a runner that stops mid-job, still exactly once", async () => {
    await withStore(postgres!, async (store) => {
      const target = await seed.createTopic(uniqueName("shared"), 3);
      const dlq = `${target}.DLT`;
      await seedDlq(store, dlq, [{ originalTopic: target, exceptionClass: "com.shop.OrderNotFound", count: 3_000 }]);
      const { jobId } = await createJob(
        store,
        { cluster: "default", topic: dlq },
        { action: "redeliver", filter: {}, ratePerSecond: 1_000 },
        operator,
        topicNames,
      );
      const [first, second] = [newRunner(store, 1_000), newRunner(store, 1_000)];
      first.start();
      second.start();
      try {
        const midway = await waitForJob(store, jobId, (j) => j.done >= 1_000 && j.runnerId !== null);
        // Whichever runner holds the job stops (as a server shutting down would); the other takes it over.
        const holder = [first, second].find((r) => r.id === midway.runnerId)!;
        await holder.stop();
        const job = await waitForJob(store, jobId, (j) => j.state === "completed");
        expect(job.runnerId === null || job.runnerId !== midway.runnerId).toBe(true);
        expect(job.done).toBe(3_000);
      } finally {
        await Promise.all([first.stop(), second.stop()]);
      }
      expectOncePerId(
        await readTopic(seed, target, 3_000),
        Array.from({ length: 3_000 }, (_, i) => jobActionId(jobId, i + 1)),
      );
      const counted = await store.db.execute(
        sql`select count(*)::integer as n from audit_log where action = 'message.redeliver' and details->>'jobId' = ${jobId}`,
      );
      expect(Number((counted as unknown as { rows: { n: number }[] }).rows[0]!.n)).toBe(3_000);
    });
  });
});
