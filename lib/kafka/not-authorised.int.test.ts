// Producing where Redrive's Kafka user may not write, against a broker of its own that enforces ACLs (SASL/PLAIN
// for Redrive, a trusted plaintext listener to set the ACLs up): a single redelivery is refused with a sentence that
// names the topic, the message stays pending and unclaimed, and the refusal is audited; a bulk job whose refused batch
// it may not read back holds and says what to grant, then fails each such record alone with the reason and sends the
// ones it may.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { springDltRecord } from "@/e2e/support/dlq-records";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { headerText, readTopic } from "@/e2e/support/topic-reader";
import { actorFor } from "@/lib/auth/actor";
import type { ClusterConfig } from "@/lib/config/clusters";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { auditLog } from "@/lib/store/audit-schema";
import { storeDlqRows } from "@/lib/store/dlq-messages";
import { dlqMessage } from "@/lib/store/dlq-schema";
import { openTestStore, storeBackends } from "@/test/store-backends";
import { JobRunner } from "@/lib/triage/job-runner";
import { createJob, getJobDetails } from "@/lib/triage/jobs";
import { waitForJob } from "@/lib/triage/jobs.fixture";
import { redeliver } from "@/lib/triage/single-actions";
import { clusterDlqIndexer } from "@/lib/indexing/cluster-indexer";
import { jobKafkaFor } from "./job-kafka";
import { assertTopicExists, produceRedelivery } from "./redeliver";
import { topicNames } from "./redelivery-batch";

const PORT = 19096;
const SASL_PORT = 19098;
const PASSWORD = "redrive-acl-test-secret";
const brokerEnv = {
  ...process.env,
  KAFKA_PORT: String(PORT),
  KAFKA_CONTROLLER_PORT: "19097",
  KAFKA_SASL_PORT: String(SASL_PORT),
  KAFKA_SASL_USERS: `redrive:${PASSWORD}`,
  KAFKA_HEAP: "384m",
};
const kafkaScript = (name: string) => execFileSync("bash", [join("scripts", "kafka", `${name}.sh`)], { env: brokerEnv, stdio: "pipe" });

/** Redrive as the broker knows it: user "redrive" over SASL/PLAIN, held to its ACLs. */
const cluster: ClusterConfig = {
  id: "acl-test",
  name: "acl",
  brokers: [`127.0.0.1:${SASL_PORT}`],
  clientId: "redrive-acl-test",
  connectionTimeoutMs: 3_000,
  dlqPattern: /\.DLT$/,
  sasl: { mechanism: "plain", username: "redrive", password: PASSWORD },
};
/** The trusted listener: creates topics and ACLs, and reads back what arrived. */
const seed = new KafkaSeed([`127.0.0.1:${PORT}`]);
const [pglite] = await storeBackends();
const operator = actorFor("user", "u1", "olga", "operator", "127.0.0.1");

let writable = "";
let locked = "";

async function allow(
  topic: string,
  operations: AclOperationTypes[],
  resource: { type: AclResourceTypes; pattern: ResourcePatternTypes } = {
    type: AclResourceTypes.TOPIC,
    pattern: ResourcePatternTypes.LITERAL,
  },
) {
  await (
    await seed.connectedAdmin()
  ).createAcls({
    acl: operations.map((operation) => ({
      resourceType: resource.type,
      resourceName: topic,
      resourcePatternType: resource.pattern,
      principal: "User:redrive",
      host: "*",
      operation,
      permissionType: AclPermissionTypes.ALLOW,
    })),
  });
}

beforeAll(async () => {
  kafkaScript("start");
  writable = await seed.createTopic(uniqueName("writable"), 1);
  locked = await seed.createTopic(uniqueName("locked"), 1);
  await allow(writable, [AclOperationTypes.DESCRIBE, AclOperationTypes.WRITE]);
  // Redrive sees the topic (so it is not "missing") but may not write to it.
  await allow(locked, [AclOperationTypes.DESCRIBE]);
  // ACLs reach the broker's authorizer through the metadata log: wait until Redrive can see both topics.
  const visible = async () => [...(await topicNames(cluster))].filter((t) => t === writable || t === locked).length;
  for (let waited = 0; (await visible()) < 2; waited += 200) {
    if (waited > 30_000) throw new Error("the ACLs did not reach the broker's authorizer within 30 s");
    await new Promise((r) => setTimeout(r, 200));
  }
}, 180_000);

afterAll(async () => {
  await seed.cleanup().catch(() => undefined);
  kafkaScript("stop");
}, 60_000);

const dlqRecord = (dlq: string, offset: number, originalTopic: string) => {
  const record = springDltRecord({
    originalTopic,
    exceptionClass: "com.shop.Failed",
    message: `Order ${offset} failed`,
    key: `o-${offset}`,
    value: `{"order":${offset}}`,
  });
  return dlqRow({
    cluster: cluster.id,
    topic: dlq,
    partition: 0,
    offset: BigInt(offset),
    timestampMs: 1_790_000_000_000n,
    key: Buffer.from(String(record.key)),
    value: Buffer.from(String(record.value)),
    headers: (record.headers ?? []).map(([key, value]) => ({ key, value: value === null ? null : Buffer.from(value) })),
  });
};

describe("a target Redrive may not write to", () => {
  it("refuses a single redelivery with the reason, keeps the message pending and audits the refusal", async () => {
    expect(await produceRedelivery(cluster, writable, { key: null, value: Buffer.from("allowed"), headers: [] })).toMatchObject({
      topic: writable,
      partition: 0,
    });
    const { store, dispose } = await openTestStore(pglite!);
    try {
      const dlq = `${uniqueName("acl")}.DLT`;
      await storeDlqRows(store, [dlqRecord(dlq, 0, locked)]);
      const ports = {
        store,
        assertTopicExists: (topic: string) => assertTopicExists(cluster, topic),
        produce: (topic: string, message: Parameters<typeof produceRedelivery>[2]) => produceRedelivery(cluster, topic, message),
      };
      const key = { cluster: cluster.id, topic: dlq, partition: 0, offset: 0n };
      await expect(redeliver(ports, { key, actor: operator })).rejects.toThrow(`Redrive is not authorised to write to topic "${locked}"`);
      const [row] = await store.db
        .select()
        .from(dlqMessage)
        .where(and(eq(dlqMessage.topic, dlq), eq(dlqMessage.offset, 0n)));
      expect({ status: row!.status, actionId: row!.actionId }).toEqual({ status: "pending", actionId: null });
      const entries = await store.db.select().from(auditLog).where(eq(auditLog.topic, dlq));
      expect(entries.map((e) => e.action)).toEqual(["message.redeliver_failed"]);
      expect(entries[0]!.details).toMatchObject({ error: `Redrive is not authorised to write to topic "${locked}"` });
      // Where it may write, the same message goes through.
      expect((await redeliver(ports, { key, actor: operator, targetTopic: writable })).target).toMatchObject({ topic: writable });
    } finally {
      await dispose();
    }
  }, 60_000);

  it("holds a job whose refused batch it may not check, saying what to grant, then fails each such record alone and sends the rest", async () => {
    const { store, dispose } = await openTestStore(pglite!);
    const runner = new JobRunner({
      store,
      kafkaFor: () => jobKafkaFor(cluster),
      runnerId: uniqueName("acl-runner"),
      takeOverAny: true,
      pollMs: 200,
      retryMs: 300,
    });
    try {
      const dlq = `${uniqueName("acl-job")}.DLT`;
      await storeDlqRows(
        store,
        Array.from({ length: 10 }, (_, i) => dlqRecord(dlq, i, i % 2 === 0 ? locked : writable)),
      );
      // From the topic's end offset, not by reading it: a reader that has not caught up yet would count too few.
      const before = (await (await seed.connectedAdmin()).fetchTopicOffsets(writable)).reduce((sum, p) => sum + Number(p.high), 0);
      const { jobId } = await createJob(store, { cluster: cluster.id, topic: dlq }, { action: "redeliver", filter: {} }, operator, () =>
        topicNames(cluster),
      );
      runner.start();
      // The batch went to both topics and was refused; which records landed is read from the targets, and Redrive
      // may not read them (nor use a consumer group): the job holds, nothing sent twice, and says what to grant.
      const held = await waitForJob(store, jobId, (j) => j.lastError !== null);
      expect(held.lastError).toMatch(
        /^Redrive (could not use consumer group "redrive-reconcile-[0-9a-f-]+"|may not read topic ".+") to check which redeliveries reached/,
      );
      expect(held.lastError).toContain("grant its Kafka user READ");
      expect({ state: held.state, done: held.done, failed: held.failed }).toEqual({ state: "running", done: 0, failed: 0 });
      await allow("redrive-", [AclOperationTypes.READ], { type: AclResourceTypes.GROUP, pattern: ResourcePatternTypes.PREFIXED });
      await allow(writable, [AclOperationTypes.READ]);
      await allow(locked, [AclOperationTypes.READ]);
      const job = await waitForJob(store, jobId, (j) => j.state === "completed", 90_000);
      expect(job.lastError).toBeNull();
      expect({ done: job.done, failed: job.failed }).toEqual({ done: 5, failed: 5 });
      const { failureReasons } = await getJobDetails(store, jobId);
      expect(failureReasons).toEqual([{ error: `Redrive is not authorised to write to topic "${locked}"`, count: 5 }]);
      const records = await readTopic(seed.kafka, writable, before + 5);
      expect(records).toHaveLength(before + 5);
      // Each of the job's five records once.
      const fromJob = records.map((r) => headerText(r, "x-redrive-source")).filter((source) => source?.startsWith(`${dlq}/`));
      expect(new Set(fromJob).size).toBe(5);
      expect(fromJob).toHaveLength(5);
      const pending = await store.db
        .select()
        .from(dlqMessage)
        .where(and(eq(dlqMessage.topic, dlq), eq(dlqMessage.status, "pending")));
      expect(pending.map((r) => Number(r.offset)).sort((a, b) => a - b)).toEqual([0, 2, 4, 6, 8]);
    } finally {
      await runner.stop();
      await dispose();
    }
  }, 120_000);

  it("fails each record of a job to a topic it may not write alone, without looking for them in a topic it may not read", async () => {
    // Described only: Redrive sees it, may neither write nor read it (the test above granted READ on "redrive-" groups).
    const sealed = await seed.createTopic(uniqueName("sealed"), 1);
    await allow(sealed, [AclOperationTypes.DESCRIBE]);
    // Records of its own, so that looking for the job's records there would mean reading it.
    await seed.produce(sealed, 0, 3);
    for (let waited = 0; !(await topicNames(cluster)).has(sealed); waited += 200) {
      if (waited > 30_000) throw new Error("the ACL did not reach the broker's authorizer within 30 s");
      await new Promise((r) => setTimeout(r, 200));
    }
    const { store, dispose } = await openTestStore(pglite!);
    const runner = new JobRunner({
      store,
      kafkaFor: () => jobKafkaFor(cluster),
      runnerId: uniqueName("acl-runner"),
      takeOverAny: true,
      pollMs: 200,
      retryMs: 300,
    });
    try {
      const dlq = `${uniqueName("acl-sealed")}.DLT`;
      await storeDlqRows(
        store,
        Array.from({ length: 8 }, (_, i) => dlqRecord(dlq, i, sealed)),
      );
      const { jobId } = await createJob(store, { cluster: cluster.id, topic: dlq }, { action: "redeliver", filter: {} }, operator, () =>
        topicNames(cluster),
      );
      runner.start();
      // The refused batch wrote nothing, so there is nothing to look for: had the runner tried to, it would hold the
      // job saying it may not read the topic.
      const job = await waitForJob(store, jobId, (j) => j.state === "completed" || j.lastError !== null, 60_000);
      expect({ state: job.state, done: job.done, failed: job.failed, lastError: job.lastError }).toEqual({
        state: "completed",
        done: 0,
        failed: 8,
        lastError: null,
      });
      const { failureReasons } = await getJobDetails(store, jobId);
      expect(failureReasons).toEqual([{ error: `Redrive is not authorised to write to topic "${sealed}"`, count: 8 }]);
      const pending = await store.db
        .select()
        .from(dlqMessage)
        .where(and(eq(dlqMessage.topic, dlq), eq(dlqMessage.status, "pending")));
      expect(pending).toHaveLength(8);
      expect((await (await seed.connectedAdmin()).fetchTopicOffsets(sealed))[0]!.high).toBe("3");
    } finally {
      await runner.stop();
      await dispose();
    }
  }, 120_000);

  it("shows an indexer that may not read the DLQs as failing, with what to grant, until it can", async () => {
    const dlq = await seed.createTopic(`${uniqueName("acl-index")}.DLT`, 1);
    await allow(dlq, [AclOperationTypes.DESCRIBE]);
    await seed.produceMany(dlq, [
      springDltRecord({ originalTopic: writable, exceptionClass: "com.shop.Failed", message: "x", key: "k", value: "{}" }),
    ]);
    const { store, dispose } = await openTestStore(pglite!);
    // A group outside "redrive-", whose READ the job test above has granted.
    const groupId = uniqueName("acl-indexer");
    const indexer = clusterDlqIndexer({
      cluster: { ...cluster, dlqPattern: new RegExp(`^${dlq}$`) },
      store,
      groupId,
      discoveryIntervalMs: 500,
    });
    try {
      await indexer.start();
      for (let waited = 0; indexer.status().state !== "failing"; waited += 200) {
        if (waited > 60_000) throw new Error(`the indexer never reported failing: ${JSON.stringify(indexer.status())}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(indexer.status()).toMatchObject({
        state: "failing",
        lastError: expect.stringContaining('grant Redrive\'s Kafka user READ on groups prefixed "redrive-"'),
      });
      const { lastErrorAt, failingSince } = indexer.status();
      expect(lastErrorAt).toBeInstanceOf(Date);
      expect(failingSince!.getTime()).toBeLessThanOrEqual(lastErrorAt!.getTime());

      await allow(groupId, [AclOperationTypes.READ], { type: AclResourceTypes.GROUP, pattern: ResourcePatternTypes.LITERAL });
      await allow(dlq, [AclOperationTypes.READ]);
      const stored = async () => (await store.db.select().from(dlqMessage).where(eq(dlqMessage.topic, dlq))).length;
      for (let waited = 0; (await stored()) < 1 || indexer.status().state !== "indexing"; waited += 200) {
        if (waited > 90_000) throw new Error(`the indexer did not recover: ${JSON.stringify(indexer.status())}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(indexer.status()).toEqual({
        state: "indexing",
        topics: 1,
        lastError: null,
        lastErrorAt: null,
        failingSince: null,
        heldBack: [],
      });
    } finally {
      await indexer.stop();
      await dispose();
    }
  }, 180_000);
});
