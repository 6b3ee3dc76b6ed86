// Alert evaluation against both stores, the real broker and a local HTTP receiver: a rule posts once when it fires
// and once when it resolves, a "restart" (a fresh evaluation over the stored state) posts nothing again, two
// instances evaluating at once post once, a failed post stays owed with its error shown, and group lag must hold
// for the rule's duration before it fires.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { WebhookReceiver } from "@/e2e/support/webhook-receiver";
import { systemActor } from "@/lib/auth/actor";
import { newAlertRuleSchema } from "@/lib/contract/alert-schemas";
import { dlqMessage } from "@/lib/store/dlq-schema";
import { alertRule } from "@/lib/store/monitoring-schema";
import type { Store } from "@/lib/store/open-store";
import { discard } from "@/lib/triage/single-actions";
import { seedDlqRows } from "@/test/dlq-fixtures";
import { openTestStore, storeBackends } from "@/test/store-backends";
import { evaluateAlerts } from "./alert-evaluator";
import { createAlertRule, listAlertRules, updateAlertRule } from "./alert-rules";
import { testWebhookPolicy } from "./webhook-policy.fixture";

// The local receiver listens on 127.0.0.1, which webhooks may reach only when it is listed.
process.env.REDRIVE_WEBHOOK_ALLOW = "127.0.0.1";

const backends = await storeBackends();
const seed = new KafkaSeed();
const receiver = new WebhookReceiver();
let webhookUrl = "";
const admin = systemActor("alert-test");
const fastPost = { timeoutMs: 2_000, attempts: 2, backoffMs: 50 };
const at = (base: number, seconds: number) => new Date(base + seconds * 1000);

let group = "";
beforeAll(async () => {
  webhookUrl = await receiver.start();
  // One lagging group for both stores, made before the first read: group reads are shared for a few seconds.
  const topic = await seed.createTopic(uniqueName("lagging"), 1);
  group = uniqueName("slow-consumer");
  await seed.produce(topic, 0, 10);
  await seed.commitOffsets(group, topic, { 0: 4 });
});
afterAll(async () => {
  await receiver.stop();
  await seed.cleanup();
});

async function discardAll(store: Store, topic: string) {
  const rows = await store.db
    .select({ partition: dlqMessage.partition, offset: dlqMessage.offset })
    .from(dlqMessage)
    .where(eq(dlqMessage.topic, topic));
  for (const row of rows)
    await discard(store, {
      key: { cluster: "default", topic, partition: row.partition, offset: row.offset },
      actor: admin,
      reason: "test",
    });
}

describe.each(backends)("alert evaluation on $name", (backend) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(backend));
  });
  afterAll(() => dispose());

  const rule = (input: Record<string, unknown>) => createAlertRule(store, admin, newAlertRuleSchema.parse({ webhookUrl, ...input }));
  const postsFor = (name: string) => receiver.texts().filter((t) => t.endsWith(`: ${name}`));

  it("posts once when DLQ pending passes the threshold and once when it resolves, never again after a restart", async () => {
    const topic = `${uniqueName("orders")}.DLT`;
    const name = uniqueName("pending");
    await rule({ name, kind: "dlq_pending", target: topic, threshold: 2 });
    const t0 = Date.now();
    await seedDlqRows(store, { topic, exceptionClass: "com.shop.Declined", count: 2, timestampMs: t0 });
    await evaluateAlerts(store, { now: at(t0, 0), post: fastPost });
    expect(postsFor(name)).toEqual([]);

    await seedDlqRows(store, { topic, exceptionClass: "com.shop.Declined", count: 1, timestampMs: t0, firstOffset: 2 });
    // Two instances evaluating the same moment, then a later round, then a "restarted" one reading the stored state.
    await Promise.all([
      evaluateAlerts(store, { now: at(t0, 30), post: fastPost }),
      evaluateAlerts(store, { now: at(t0, 30), post: fastPost }),
    ]);
    await evaluateAlerts(store, { now: at(t0, 60), post: fastPost });
    expect(postsFor(name)).toEqual([`[Redrive] FIRING: ${name}`]);
    const firing = (await listAlertRules(store)).find((r) => r.name === name)!;
    expect(firing).toMatchObject({ state: "firing", lastValue: `${topic}: 3 pending`, pendingNotice: null, lastError: null });
    expect(firing.lastFiredAt).toBe(at(t0, 30).toISOString());
    const body = receiver.posts.find((p) => p.body.text === `[Redrive] FIRING: ${name}`)!.body;
    expect(JSON.stringify(body.blocks)).toContain(`${topic}: pending above 2`);

    await discardAll(store, topic);
    await evaluateAlerts(store, { now: at(t0, 90), post: fastPost });
    await evaluateAlerts(store, { now: at(t0, 120), post: fastPost });
    expect(postsFor(name)).toEqual([`[Redrive] FIRING: ${name}`, `[Redrive] RESOLVED: ${name}`]);
    expect((await listAlertRules(store)).find((r) => r.name === name)).toMatchObject({
      state: "ok",
      lastResolvedAt: at(t0, 90).toISOString(),
    });
  });

  it("keeps a notice the receiver refused, shows the error, and posts it in a later round", async () => {
    const topic = `${uniqueName("aged")}.DLT`;
    const name = uniqueName("oldest");
    const t0 = Date.now();
    await rule({ name, kind: "dlq_oldest_pending", target: topic, threshold: 600 });
    await seedDlqRows(store, { topic, exceptionClass: "com.shop.Stuck", count: 1, timestampMs: t0 - 3_600_000 });
    receiver.status = 500;
    try {
      await evaluateAlerts(store, { now: at(t0, 0), post: fastPost });
    } finally {
      receiver.status = 200;
    }
    const refused = (await listAlertRules(store)).find((r) => r.name === name)!;
    expect(refused).toMatchObject({ state: "firing", pendingNotice: "fire", lastError: "Posting the fire notice failed: HTTP 500" });
    expect(refused.lastValue).toBe(`${topic}: oldest pending 1h old`);
    const refusedPosts = postsFor(name).length;
    expect(refusedPosts).toBe(2);

    await evaluateAlerts(store, { now: at(t0, 30), post: fastPost });
    expect(postsFor(name).length).toBe(refusedPosts + 1);
    expect((await listAlertRules(store)).find((r) => r.name === name)).toMatchObject({ pendingNotice: null, lastError: null });
  });

  it("fires on a failure group first seen after the rule, and resolves once it is triaged", async () => {
    const topic = `${uniqueName("groups")}.DLT`;
    const name = uniqueName("new-group");
    const t0 = Date.now();
    await seedDlqRows(store, { topic, exceptionClass: "com.shop.Known", count: 1, timestampMs: t0 - 60_000 });
    await rule({ name, kind: "new_failure_group", target: topic });
    await evaluateAlerts(store, { now: at(t0, 0), post: fastPost });
    expect(postsFor(name)).toEqual([]);

    await seedDlqRows(store, { topic, exceptionClass: "com.shop.BrandNew", count: 1, timestampMs: Date.now() + 1_000, firstOffset: 1 });
    await evaluateAlerts(store, { now: at(t0, 30), post: fastPost });
    expect(postsFor(name)).toEqual([`[Redrive] FIRING: ${name}`]);
    expect((await listAlertRules(store)).find((r) => r.name === name)!.lastValue).toBe(`1 new: com.shop.BrandNew in ${topic}`);

    await discardAll(store, topic);
    await evaluateAlerts(store, { now: at(t0, 60), post: fastPost });
    expect(postsFor(name)).toEqual([`[Redrive] FIRING: ${name}`, `[Redrive] RESOLVED: ${name}`]);
  });

  it("fires on a real group's lag only after it has held for the rule's duration", async () => {
    const name = uniqueName("lag");
    await rule({ name, kind: "group_lag", target: group, threshold: 5, forSeconds: 120 });
    const t0 = Date.now();
    await evaluateAlerts(store, { now: at(t0, 0), post: fastPost });
    await evaluateAlerts(store, { now: at(t0, 60), post: fastPost });
    expect(postsFor(name)).toEqual([]);
    expect((await listAlertRules(store)).find((r) => r.name === name)!.lastValue).toBe(`${group}: lag 6`);
    await evaluateAlerts(store, { now: at(t0, 120), post: fastPost });
    expect(postsFor(name)).toEqual([`[Redrive] FIRING: ${name}`]);
  });

  it("resolves a firing rule once its changed condition no longer holds", async () => {
    const topic = `${uniqueName("edited")}.DLT`;
    const name = uniqueName("edited");
    const t0 = Date.now();
    await seedDlqRows(store, { topic, exceptionClass: "com.shop.Y", count: 3, timestampMs: t0 });
    const created = await rule({ name, kind: "dlq_pending", target: topic, threshold: 1 });
    await evaluateAlerts(store, { now: at(t0, 0), post: fastPost });
    await updateAlertRule(store, admin, created.id, { threshold: 10n });
    expect((await listAlertRules(store)).find((r) => r.name === name)!.state).toBe("firing");
    await evaluateAlerts(store, { now: at(t0, 30), post: fastPost });
    await evaluateAlerts(store, { now: at(t0, 60), post: fastPost });
    expect(postsFor(name)).toEqual([`[Redrive] FIRING: ${name}`, `[Redrive] RESOLVED: ${name}`]);
    expect(JSON.stringify(receiver.posts.at(-1)!.body.blocks)).toContain(`${topic}: pending above 10`);
  });

  it("checks the webhook's host again when it posts: a name now resolving to loopback is refused, the notice stays owed", async () => {
    const topic = `${uniqueName("rebound")}.DLT`;
    const name = uniqueName("rebound");
    const port = new URL(webhookUrl).port;
    // Saved while "hooks.test" resolved to a public address (only checked, never connected to)...
    const saved = testWebhookPolicy("127.0.0.1", { "hooks.test": ["93.184.216.34"] });
    const webhook = `http://hooks.test:${port}/hook`;
    const input = newAlertRuleSchema.parse({ name, kind: "dlq_pending", target: topic, threshold: 0, webhookUrl: webhook });
    await createAlertRule(store, admin, input, saved);
    await seedDlqRows(store, { topic, exceptionClass: "com.shop.Rebound", count: 1, timestampMs: Date.now() });
    // ...and posted once it resolves to the receiver's loopback address under another name: not the listed one.
    const rebound = testWebhookPolicy("127.0.0.1", { "hooks.test": ["127.0.0.2", "127.0.0.1"] });
    const before = receiver.posts.length;
    await evaluateAlerts(store, { post: { ...fastPost, policy: rebound } });
    expect(receiver.posts.length).toBe(before);
    expect((await listAlertRules(store)).find((r) => r.name === name)).toMatchObject({
      state: "firing",
      pendingNotice: "fire",
      lastError:
        'Posting the fire notice failed: refused: "hooks.test" resolves to a loopback address (127.0.0.0/8); ' +
        "list it in REDRIVE_WEBHOOK_ALLOW to send there",
    });
    // Once it resolves to the listed address only, the owed notice goes out, to the address that was checked.
    await evaluateAlerts(store, { post: { ...fastPost, policy: testWebhookPolicy("127.0.0.1", { "hooks.test": ["127.0.0.1"] }) } });
    expect(postsFor(name)).toEqual([`[Redrive] FIRING: ${name}`]);
  });

  it("does not evaluate a disabled rule", async () => {
    const topic = `${uniqueName("quiet")}.DLT`;
    const name = uniqueName("disabled");
    await seedDlqRows(store, { topic, exceptionClass: "com.shop.X", count: 3, timestampMs: Date.now() });
    const created = await rule({ name, kind: "dlq_pending", target: topic, threshold: 0, enabled: false });
    await evaluateAlerts(store, { post: fastPost });
    expect(postsFor(name)).toEqual([]);
    const [row] = await store.db.select().from(alertRule).where(eq(alertRule.id, created.id));
    expect(row!.lastEvaluatedAt).toBeNull();
  });
});
