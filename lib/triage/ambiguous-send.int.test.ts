// Single redeliveries whose send's answer is lost, on a broker of the test's own behind a proxy that forwards the
// produce request and cuts the connection before the answer returns (or cuts it before forwarding): the message
// shows "checking", every other action on it is refused with 409, and once the target has been read the record is
// recorded where it landed or the message is pending again — never two copies in the target. Plain redeliver,
// edit-and-redeliver, a send to another topic, and a check that waits while Kafka is away, on both stores.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { ProxiedBroker } from "@/e2e/support/proxied-broker";
import { errorAnswer } from "@/lib/api/errors";
import { actorFor } from "@/lib/auth/actor";
import type { ClusterConfig } from "@/lib/config/clusters";
import { RedriveError } from "@/lib/errors";
import { jobKafkaFor } from "@/lib/kafka/job-kafka";
import { assertTopicExists, produceRedelivery } from "@/lib/kafka/redeliver";
import { auditLog } from "@/lib/store/audit-schema";
import { getMessage, listMessages } from "@/lib/store/dlq-message-queries";
import { redeliveryInFlight } from "@/lib/store/job-schema";
import { openStore, type Store } from "@/lib/store/open-store";
import { storeBackends } from "@/test/store-backends";
import { header, readTopic, seedDlq } from "./jobs.fixture";
import { reconcileStaleRedeliveries, STALE_CLAIM_MS } from "./reconcile-redeliveries";
import { claimForRedelivery, discard, redeliver, type TriagePorts } from "./single-actions";

const backends = await storeBackends();
const broker = new ProxiedBroker(19362);
const seed = new KafkaSeed(broker.brokers);
const cluster: ClusterConfig = {
  id: "default",
  name: "proxied",
  brokers: broker.brokers,
  clientId: "redrive-ambiguous-test",
  connectionTimeoutMs: 2_000,
  dlqPattern: /\.DLT$/,
};
const kafka = jobKafkaFor(cluster);
const operator = actorFor("user", "u1", "olga", "operator", "127.0.0.1");

beforeAll(async () => {
  await broker.start();
  // A fresh broker answers "coordinator loading" to the first consumer groups for a while; a check would only try again later.
  const warmUp = await seed.createTopic(uniqueName("warm-up"), 1);
  await seed.produce(warmUp, 0, 1);
  await readTopic(seed, warmUp, 1);
}, 180_000);
afterAll(async () => {
  await seed.cleanup().catch(() => undefined);
  await broker.stop();
});

/** Checks every unconfirmed send now (no settling delay: the proxy has long passed the request on). */
const check = (store: Store, crashedAfterMs = STALE_CLAIM_MS) => reconcileStaleRedeliveries(store, () => kafka, crashedAfterMs, 0);

async function fixture(backend: (typeof backends)[number]) {
  const target = await seed.createTopic(uniqueName("orders"), 1);
  const other = await seed.createTopic(uniqueName("orders-retry"), 1);
  const dlq = `${target}.DLT`;
  const created = await backend.create();
  const store = await openStore(created);
  await seedDlq(store, dlq, [{ originalTopic: target, exceptionClass: "com.shop.OrderNotFound", count: 4 }]);
  let checksAsked = 0;
  const ports: TriagePorts = {
    store,
    assertTopicExists: (t) => assertTopicExists(cluster, t),
    produce: (t, m) => produceRedelivery(cluster, t, m),
    checkUnconfirmedSoon: () => void checksAsked++,
  };
  const key = (offset: bigint) => ({ cluster: "default", topic: dlq, partition: 0, offset });
  const message = (offset: bigint) => getMessage(store, "default", dlq, 0, offset);
  const history = (offset: bigint) =>
    store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.topic, dlq), eq(auditLog.offset, offset)))
      .orderBy(auditLog.seq);
  return {
    target,
    other,
    dlq,
    store,
    ports,
    key,
    message,
    history,
    checksAsked: () => checksAsked,
    async dispose() {
      await store.close();
      await created.dispose();
    },
  };
}

type Fixture = Awaited<ReturnType<typeof fixture>>;

/** Sends through the proxy in `mode`: the send fails with Kafka's status and says that the message is being checked. */
type Request = Partial<Parameters<typeof redeliver>[1]>;

async function sendLosingAnswer(f: Fixture, offset: bigint, mode: "answer-lost" | "never-sent", request: Request = {}) {
  broker.proxy.produceMode = mode;
  try {
    const failure = await redeliver(f.ports, { key: f.key(offset), actor: operator, ...request }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(RedriveError);
    expect(errorAnswer((failure as RedriveError).kind).status).toBeGreaterThanOrEqual(502);
    expect((failure as RedriveError).message).toMatch(/did not confirm the send .* may have landed/);
  } finally {
    broker.proxy.produceMode = "pass";
  }
}

/** While the check is outstanding: "checking" on the message and in the list, and a second redeliver or a discard refused. */
async function expectChecking(f: Fixture, offset: bigint) {
  expect(await f.message(offset)).toMatchObject({ status: "pending", delivery: "checking" });
  const { rows } = await listMessages(f.store, { cluster: "default", topic: f.dlq, order: "oldest", limit: 10 });
  expect(rows.find((r) => r.offset === offset)?.delivery).toBe("checking");
  const again = [
    () => redeliver(f.ports, { key: f.key(offset), actor: operator }),
    () => discard(f.store, { key: f.key(offset), actor: operator, reason: "stale" }),
  ];
  for (const action of again) {
    const refused = await action().then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(RedriveError);
    expect(refused).toMatchObject({ kind: "conflict" });
    expect(errorAnswer((refused as RedriveError).kind).status).toBe(409);
    expect((refused as RedriveError).message).toContain("Checking whether an earlier redelivery");
  }
}

describe.each(backends)("a send whose answer is lost, on $name", (backend) => {
  it("redeliver, edit-and-redeliver and a send to another topic that landed: found in the target, one copy each", async () => {
    const f = await fixture(backend);
    try {
      await sendLosingAnswer(f, 0n, "answer-lost");
      await sendLosingAnswer(f, 1n, "answer-lost", { edit: { value: Buffer.from('{"orderId":1,"fixed":true}') }, note: "fixed the order" });
      await sendLosingAnswer(f, 2n, "answer-lost", { targetTopic: f.other });
      expect(broker.proxy.forwarded).toBeGreaterThanOrEqual(3);
      expect(f.checksAsked()).toBe(3);
      for (const offset of [0n, 1n, 2n]) await expectChecking(f, offset);

      expect(await check(f.store)).toBe(3);

      for (const offset of [0n, 1n, 2n]) {
        expect(await f.message(offset)).toMatchObject({ status: "redelivered", delivery: null });
        const entries = await f.history(offset);
        expect(entries.map((e) => e.action)).toEqual(["message.redeliver"]);
        expect(entries[0]!.details).toMatchObject({
          reconciled: true,
          sendError: expect.any(String),
          finding: expect.stringMatching(/answer to the send was lost .*; the record was found in/),
        });
        await expect(redeliver(f.ports, { key: f.key(offset), actor: operator })).rejects.toMatchObject({ kind: "already_resolved" });
      }
      // The edit's audit keeps what the send would have recorded: the note, the digests and the diff.
      expect((await f.history(1n))[0]!.details).toMatchObject({
        edited: true,
        note: "fixed the order",
        changed: ["value"],
        diff: { value: expect.stringContaining('+{"orderId":1,"fixed":true}') },
      });
      expect((await f.history(2n))[0]!.target).toMatchObject({ topic: f.other, partition: 0, offset: "0" });
      expect(await f.store.db.select().from(redeliveryInFlight)).toHaveLength(0);

      const inTarget = await readTopic(seed, f.target, 2);
      expect(inTarget.map((r) => header(r, "x-redrive-source"))).toEqual([`${f.dlq}/0/0`, `${f.dlq}/0/1`]);
      expect(inTarget[1]!.value!.toString()).toBe('{"orderId":1,"fixed":true}');
      const inOther = await readTopic(seed, f.other, 1);
      expect(inOther.map((r) => header(r, "x-redrive-source"))).toEqual([`${f.dlq}/0/2`]);
      for (const [offset, record] of [
        [0n, inTarget[0]!],
        [1n, inTarget[1]!],
        [2n, inOther[0]!],
      ] as const) {
        expect(header(record, "x-redrive-id")).toBe((await f.message(offset))!.actionId);
        expect((await f.history(offset))[0]!.target).toMatchObject({ partition: record.partition, offset: record.offset });
      }
    } finally {
      await f.dispose();
    }
  });

  it("sends that never reached the broker: pending again once the target is read, audited as not landed, then sent once", async () => {
    const f = await fixture(backend);
    try {
      await sendLosingAnswer(f, 0n, "never-sent");
      await sendLosingAnswer(f, 1n, "never-sent", { targetTopic: f.other, edit: { key: Buffer.from("order-1-fixed") } });
      for (const offset of [0n, 1n]) await expectChecking(f, offset);

      expect(await check(f.store)).toBe(2);
      for (const offset of [0n, 1n]) {
        expect(await f.message(offset)).toMatchObject({ status: "pending", delivery: null, actionId: null });
        const [failed] = await f.history(offset);
        expect(failed).toMatchObject({
          action: "message.redeliver_failed",
          details: { reconciled: true, error: expect.stringMatching(/answer to the send was lost .* is not in .* it did not land/) },
        });
      }
      expect((await f.history(1n))[0]).toMatchObject({ target: { topic: f.other }, details: { edited: true, changed: ["key"] } });

      await redeliver(f.ports, { key: f.key(0n), actor: operator });
      await redeliver(f.ports, { key: f.key(1n), actor: operator, targetTopic: f.other, edit: { key: Buffer.from("order-1-fixed") } });
      expect((await readTopic(seed, f.target, 1)).map((r) => header(r, "x-redrive-source"))).toEqual([`${f.dlq}/0/0`]);
      const inOther = await readTopic(seed, f.other, 1);
      expect(inOther.map((r) => [header(r, "x-redrive-source"), r.key?.toString()])).toEqual([[`${f.dlq}/0/1`, "order-1-fixed"]]);
    } finally {
      await f.dispose();
    }
  });

  it("a check Kafka cannot answer leaves the message checking, never pending, until Kafka is back; so does a crash's claim", async () => {
    const f = await fixture(backend);
    try {
      await sendLosingAnswer(f, 3n, "answer-lost");
      // A console that died mid-send left this one claimed, with no answer at all.
      await claimForRedelivery(f.store, f.key(2n), f.target, operator, "33333333-3333-4333-8333-333333333333");
      await broker.proxy.stop();
      try {
        // As at a restart: every claim is a dead process's.
        await expect(check(f.store, 0)).rejects.toThrow(/not reachable/);
        await expectChecking(f, 3n);
        await expectChecking(f, 2n);
      } finally {
        await broker.proxy.start();
      }
      expect(await check(f.store)).toBe(2);
      expect(await f.message(3n)).toMatchObject({ status: "redelivered", delivery: null });
      expect(await f.message(2n)).toMatchObject({ status: "pending", delivery: null, actionId: null });
      expect((await f.history(2n))[0]).toMatchObject({
        action: "message.redeliver_failed",
        details: {
          reconciled: true,
          error: expect.stringContaining("The server stopped before the send was confirmed, and the record is not in"),
        },
      });
      expect((await readTopic(seed, f.target, 1)).map((r) => header(r, "x-redrive-source"))).toEqual([`${f.dlq}/0/3`]);
    } finally {
      await f.dispose();
    }
  });
});
