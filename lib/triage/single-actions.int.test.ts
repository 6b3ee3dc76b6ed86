// Single redeliver and discard against the real broker and both stores: the target receives the record byte for
// byte (minus the failure headers, plus x-redrive-*), twenty concurrent requests send exactly one record, edits
// are audited with digests and a diff, and a failed send leaves the message pending with the failure audited.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { springDltRecord } from "@/e2e/support/dlq-records";
import { errorAnswer } from "@/lib/api/errors";
import { actorFor } from "@/lib/auth/actor";
import type { ClusterConfig } from "@/lib/config/clusters";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { RedriveError } from "@/lib/errors";
import { assertTopicExists, produceRedelivery } from "@/lib/kafka/redeliver";
import { auditLog } from "@/lib/store/audit-schema";
import { storeDlqRows } from "@/lib/store/dlq-messages";
import { dlqMessage } from "@/lib/store/dlq-schema";
import { openStore, type Store } from "@/lib/store/open-store";
import { storeBackends } from "@/test/store-backends";
import { discard, redeliver, type TriagePorts } from "./single-actions";
import { recordHeaders } from "@/test/dlq-fixtures";

type KafkaMessage = { key: Buffer | null; value: Buffer | null };

const backends = await storeBackends();
const seed = new KafkaSeed();
afterAll(() => seed.cleanup());

const cluster: ClusterConfig = {
  id: "default",
  name: "test",
  brokers: ["127.0.0.1:9092"],
  clientId: "redrive-triage-test",
  connectionTimeoutMs: 3_000,
  dlqPattern: /\.DLT$/,
};
const operator = actorFor("user", "u1", "olga", "operator", "127.0.0.1");

/** Reads every record of a topic (one partition) from the start. */
async function readAll(topic: string, expected: number): Promise<KafkaMessage[]> {
  const consumer = seed.kafka.consumer({ groupId: uniqueName("triage-read") });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
  for (let i = 0; i < 80 && messages.length < expected; i++) await new Promise((r) => setTimeout(r, 250));
  // A little longer, so that a record too many would show.
  await new Promise((r) => setTimeout(r, 1_000));
  await consumer.disconnect();
  return messages;
}

const headerList = (m: KafkaMessage) =>
  ((m as unknown as { headerList: { key: string; value: Buffer | null }[] }).headerList ?? []).map((h) => [
    h.key,
    h.value?.toString("latin1") ?? null,
  ]);

describe.each(backends)("single triage actions on $name", (backend) => {
  it("redelivers byte for byte exactly once, edits with a diff, discards with a reason, and survives a failed send", async () => {
    const target = await seed.createTopic(uniqueName("orders"), 1);
    const small = await seed.createTopic(uniqueName("tiny"), 1, { "max.message.bytes": "2000" });
    const dlq = `${target}.DLT`;
    const spec = (n: number, value: Buffer | string | null) =>
      springDltRecord({
        originalTopic: target,
        exceptionClass: "com.shop.OrderNotFound",
        message: `Order ${n} not found`,
        key: n === 0 ? Buffer.alloc(0) : `o-${n}`,
        value,
        extraHeaders: [
          ["trace", "t-1"],
          ["tag", "a"],
          ["nil", null],
          ["tag", "b"],
        ],
      });
    const records = [spec(0, Buffer.from([0x00, 0xff, 0x7f])), spec(1, '{"orderId":1,"qty":2}'), spec(2, "x".repeat(5_000)), spec(3, null)];
    const rows = records.map((r, i) =>
      dlqRow({
        cluster: "default",
        topic: dlq,
        partition: 0,
        offset: BigInt(i),
        timestampMs: 1_000n,
        key: r.key === undefined || r.key === null ? null : Buffer.from(r.key),
        value: r.value === null ? null : Buffer.from(r.value),
        headers: recordHeaders(r.headers),
      }),
    );
    const targetBackend = await backend.create();
    const store: Store = await openStore(targetBackend);
    const ports: TriagePorts = {
      store,
      assertTopicExists: (t) => assertTopicExists(cluster, t),
      produce: (t, m) => produceRedelivery(cluster, t, m),
    };
    const key = (offset: bigint) => ({ cluster: "default", topic: dlq, partition: 0, offset });
    const status = async (offset: bigint) =>
      (
        await store.db
          .select({ s: dlqMessage.status })
          .from(dlqMessage)
          .where(and(eq(dlqMessage.topic, dlq), eq(dlqMessage.offset, offset)))
      )[0]!.s;
    const audit = (offset: bigint) =>
      store.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.topic, dlq), eq(auditLog.offset, offset)))
        .orderBy(auditLog.seq);
    try {
      await storeDlqRows(store, rows);

      // Twenty requests at once for the binary record: one wins, nineteen hear already_resolved.
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => redeliver(ports, { key: key(0n), actor: operator })));
      const won = results.filter((r) => r.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const lost of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
        expect(lost.reason).toBeInstanceOf(RedriveError);
        expect((lost.reason as RedriveError).kind).toBe("already_resolved");
        expect(errorAnswer((lost.reason as RedriveError).kind).status).toBe(409);
      }
      const answer = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof redeliver>>>).value;
      expect(answer.target).toMatchObject({ topic: target, partition: 0, offset: "0" });
      expect(await status(0n)).toBe("redelivered");

      // An edited JSON value goes out as edited; the rest as it was.
      await redeliver(ports, { key: key(1n), actor: operator, edit: { value: Buffer.from('{"orderId":1,"qty":3}') }, note: "qty fixed" });
      // A tombstone stays a tombstone.
      await redeliver(ports, { key: key(3n), actor: operator });

      const received = await readAll(target, 3);
      expect(received).toHaveLength(3);
      const [first, edited, tombstone] = received;
      expect(first!.key).toEqual(Buffer.alloc(0));
      expect(first!.value).toEqual(Buffer.from([0x00, 0xff, 0x7f]));
      expect(headerList(first!)).toEqual([
        ["trace", "t-1"],
        ["tag", "a"],
        ["nil", null],
        ["tag", "b"],
        ["x-redrive-id", answer.actionId],
        ["x-redrive-source", `${dlq}/0/0`],
        ["x-redrive-count", "1"],
      ]);
      expect(edited!.value!.toString()).toBe('{"orderId":1,"qty":3}');
      expect(edited!.key!.toString()).toBe("o-1");
      expect(tombstone!.value).toBeNull();

      const [redelivered] = await audit(0n);
      expect(redelivered).toMatchObject({
        action: "message.redeliver",
        actor: "olga",
        role: "operator",
        target: { topic: target, partition: 0, offset: "0" },
      });
      const [editEntry] = await audit(1n);
      expect(editEntry!.details).toMatchObject({
        edited: true,
        note: "qty fixed",
        changed: ["value"],
        after: { valueSha256: expect.any(String) },
      });
      expect((editEntry!.details as { diff: { value: string } }).diff.value).toContain('+{"orderId":1,"qty":3}');

      // Again after it was redelivered: 409, nothing sent.
      await expect(redeliver(ports, { key: key(0n), actor: operator })).rejects.toMatchObject({ kind: "already_resolved" });

      // A send the target refuses (too large): still pending, the operator hears why, the failure is audited.
      await expect(redeliver(ports, { key: key(2n), actor: operator, targetTopic: small })).rejects.toMatchObject({
        kind: "payload_too_large",
      });
      expect(await status(2n)).toBe("pending");
      expect((await audit(2n)).map((e) => e.action)).toEqual(["message.redeliver_failed"]);
      // A topic that does not exist: 422 before anything is claimed, and audited all the same.
      const missing = uniqueName("missing");
      await expect(redeliver(ports, { key: key(2n), actor: operator, targetTopic: missing })).rejects.toMatchObject({
        kind: "validation_failed",
      });
      expect(await status(2n)).toBe("pending");
      const [, refused] = await audit(2n);
      expect(refused).toMatchObject({
        action: "message.redeliver_failed",
        target: { topic: missing },
        details: { error: expect.stringContaining("does not exist") },
      });
      // ...and it can still be redelivered where it fits.
      await redeliver(ports, { key: key(2n), actor: operator });
      expect(await status(2n)).toBe("redelivered");

      // Discard needs a reason, and happens once.
      await storeDlqRows(store, [{ ...rows[1]!, offset: 9n }]);
      await expect(discard(store, { key: key(9n), actor: operator, reason: "  " })).rejects.toMatchObject({ kind: "validation_failed" });
      expect(await status(9n)).toBe("pending");
      await discard(store, { key: key(9n), actor: operator, reason: "customer deleted" });
      expect(await status(9n)).toBe("discarded");
      expect((await audit(9n))[0]!.details).toEqual({ reason: "customer deleted" });
      await expect(discard(store, { key: key(9n), actor: operator, reason: "again" })).rejects.toMatchObject({ kind: "already_resolved" });
      await expect(discard(store, { key: key(99n), actor: operator, reason: "x" })).rejects.toMatchObject({ kind: "not_found" });
    } finally {
      await store.close();
      await targetBackend.dispose();
    }
  }, 120_000);

  it("edits a text value holding NUL bytes: sent as edited, audited with its digests and no diff", async () => {
    const target = await seed.createTopic(uniqueName("nul"), 1);
    const dlq = `${target}.DLT`;
    const record = springDltRecord({
      originalTopic: target,
      exceptionClass: "com.shop.Bad",
      message: "bad record",
      key: "k\u0000ey",
      value: "line\u0000one",
    });
    const row = dlqRow({
      cluster: "default",
      topic: dlq,
      partition: 0,
      offset: 0n,
      timestampMs: 1_000n,
      key: Buffer.from(String(record.key)),
      value: Buffer.from(String(record.value)),
      headers: recordHeaders(record.headers),
    });
    const targetBackend = await backend.create();
    const store: Store = await openStore(targetBackend);
    const ports: TriagePorts = {
      store,
      assertTopicExists: (t) => assertTopicExists(cluster, t),
      produce: (t, m) => produceRedelivery(cluster, t, m),
    };
    try {
      await storeDlqRows(store, [row]);
      await redeliver(ports, {
        key: { cluster: "default", topic: dlq, partition: 0, offset: 0n },
        actor: operator,
        edit: { key: Buffer.from("k\u0000ey2"), value: Buffer.from("line\u0000two") },
      });
      const [sent] = await readAll(target, 1);
      expect(sent!.value).toEqual(Buffer.from("line\u0000two"));
      expect(sent!.key).toEqual(Buffer.from("k\u0000ey2"));
      const [entry] = await store.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.topic, dlq), eq(auditLog.offset, 0n)));
      expect(entry!.action).toBe("message.redeliver");
      expect(entry!.details).toMatchObject({
        edited: true,
        changed: ["key", "value"],
        diff: { key: null, value: null },
        after: { valueSha256: expect.any(String) },
      });
      expect((await store.db.select({ s: dlqMessage.status }).from(dlqMessage).where(eq(dlqMessage.topic, dlq)))[0]!.s).toBe("redelivered");
    } finally {
      await store.close();
      await targetBackend.dispose();
    }
  }, 60_000);

  it("redelivers an edit of every line of a 50,000-line JSON value, audited with digests and no diff (too large)", async () => {
    // Unbounded, this diff alone took minutes of CPU; the request now completes and says why the diff is missing.
    const target = await seed.createTopic(uniqueName("huge-edit"), 1, { "max.message.bytes": "4194304" });
    const dlq = `${target}.DLT`;
    const json = (shift: number) => `{\n${Array.from({ length: 50_000 }, (_, i) => `  "k${i}": ${i + shift}`).join(",\n")}\n}`;
    const [before, after] = [Buffer.from(json(0)), Buffer.from(json(1))];
    const record = springDltRecord({ originalTopic: target, exceptionClass: "com.shop.Bad", message: "bad", key: "k", value: before });
    const row = dlqRow({
      cluster: "default",
      topic: dlq,
      partition: 0,
      offset: 0n,
      timestampMs: 1_000n,
      key: Buffer.from("k"),
      value: before,
      headers: recordHeaders(record.headers),
    });
    const targetBackend = await backend.create();
    const store: Store = await openStore(targetBackend);
    const ports: TriagePorts = {
      store,
      assertTopicExists: (t) => assertTopicExists(cluster, t),
      produce: (t, m) => produceRedelivery(cluster, t, m),
    };
    try {
      await storeDlqRows(store, [row]);
      const key = { cluster: "default", topic: dlq, partition: 0, offset: 0n };
      await redeliver(ports, { key, actor: operator, edit: { value: after } });
      const [sent] = await readAll(target, 1);
      expect(sent!.value!.equals(after)).toBe(true);
      const [entry] = await store.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.topic, dlq), eq(auditLog.offset, 0n)));
      expect(entry!.action).toBe("message.redeliver");
      expect(entry!.details).toMatchObject({
        edited: true,
        changed: ["value"],
        diff: { key: null, value: null },
        diffOmitted: { value: { reason: "too large", beforeBytes: before.length, afterBytes: after.length } },
        before: { valueSha256: createHash("sha256").update(before).digest("hex") },
        after: { valueSha256: createHash("sha256").update(after).digest("hex") },
      });
    } finally {
      await store.close();
      await targetBackend.dispose();
    }
  }, 120_000);
});
