// The triage routes when Kafka's answer to a redelivery is lost (a broker of the test's own behind a proxy that
// forwards the produce request and cuts the connection): the POST answers with Kafka's status and says the message
// is being checked, the message and the list carry `delivery: "checking"`, a second redeliver and a discard get 409
// `conflict`, and once the target has been read the message is redelivered with a history that says how.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { springDltRecord } from "@/e2e/support/dlq-records";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { ProxiedBroker } from "@/e2e/support/proxied-broker";
import { readTopic } from "@/e2e/support/topic-reader";
import type { DlqMessageDetails, DlqMessagePage } from "@/lib/contract/schemas";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { callGet, callPost } from "@/test/api-client";

const broker = new ProxiedBroker(19366);
process.env.KAFKA_BROKERS = broker.brokers.join(",");
process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-ambiguous-api-"));
delete process.env.DATABASE_URL;

const { getStore } = await import("@/lib/store/store");
const { storeDlqRows } = await import("@/lib/store/dlq-messages");
const { getCluster } = await import("@/lib/config/clusters");
const { jobKafkaFor } = await import("@/lib/kafka/job-kafka");
const { reconcileStaleRedeliveries, STALE_CLAIM_MS } = await import("@/lib/triage/reconcile-redeliveries");
const redeliverRoute = await import("./[topic]/messages/[partition]/[offset]/redeliver/route");
const discardRoute = await import("./[topic]/messages/[partition]/[offset]/discard/route");
const detailsRoute = await import("./[topic]/messages/[partition]/[offset]/route");
const listRoute = await import("./[topic]/messages/route");

const seed = new KafkaSeed(broker.brokers);
const target = uniqueName("payments");
const dlq = `${target}.DLT`;
const params = { cluster: "default", topic: dlq, partition: "0", offset: "0" };
const url = (action: string) => `/api/clusters/default/dlqs/${dlq}/messages/0/0${action}`;
type ErrorAnswer = { error: { code: string; message: string } };

beforeAll(async () => {
  await broker.start();
  await seed.createTopic(target, 1);
  // A fresh broker answers "coordinator loading" to the first consumer groups for a while; a check would only try again later.
  await seed.produce(target, 0, 1);
  expect(await readTopic(seed.kafka, target, 1)).toHaveLength(1);
  const value = '{"amount":1}';
  const record = springDltRecord({ originalTopic: target, exceptionClass: "com.shop.Declined", message: "Payment 1 declined", value });
  const headers = (record.headers ?? []).map(([key, v]) => ({ key, value: v === null ? null : Buffer.from(v) }));
  const at = { cluster: "default", topic: dlq, partition: 0, offset: 0n, timestampMs: 1_000n };
  await storeDlqRows(await getStore(), [dlqRow({ ...at, key: null, value: Buffer.from(value), headers })]);
}, 180_000);

afterAll(async () => {
  await seed.cleanup().catch(() => undefined);
  await broker.stop();
});

describe("POST …/redeliver when Kafka's answer is lost", () => {
  it("answers with Kafka's status, shows the message as checking, refuses other actions, then records where it landed", async () => {
    broker.proxy.produceMode = "answer-lost";
    const lost = await callPost(redeliverRoute.POST, url("/redeliver"), params, { edit: { value: { text: '{"amount":2}' } } });
    broker.proxy.produceMode = "pass";
    expect(lost.status).toBe(503);
    expect(((await lost.json()) as ErrorAnswer).error.message).toMatch(/did not confirm the send to .* may have landed/);

    const details = (await (await callGet(detailsRoute.GET, url(""), params)).json()) as DlqMessageDetails;
    expect(details).toMatchObject({ status: "pending", delivery: "checking", history: [] });
    const listed = await callGet(listRoute.GET, `/api/clusters/default/dlqs/${dlq}/messages`, { cluster: "default", topic: dlq });
    const list = (await listed.json()) as DlqMessagePage;
    expect(list.messages.map((m) => [m.offset, m.status, m.delivery])).toEqual([["0", "pending", "checking"]]);

    const others = [
      [redeliverRoute.POST, "/redeliver", {}],
      [discardRoute.POST, "/discard", { reason: "duplicate" }],
    ] as const;
    for (const [route, action, body] of others) {
      const refused = await callPost(route, url(action), params, body);
      expect(refused.status).toBe(409);
      const { error } = (await refused.json()) as ErrorAnswer;
      expect(error.code).toBe("conflict");
      expect(error.message).toContain("Checking whether an earlier redelivery");
    }

    const kafka = jobKafkaFor(getCluster("default"));
    expect(await reconcileStaleRedeliveries(await getStore(), () => kafka, STALE_CLAIM_MS, 0)).toBe(1);
    const settled = (await (await callGet(detailsRoute.GET, url(""), params)).json()) as DlqMessageDetails;
    expect(settled).toMatchObject({ status: "redelivered", delivery: null });
    expect(settled.history).toMatchObject([
      { action: "message.redeliver", target: { topic: target, partition: 0, offset: "1" }, details: { edited: true, reconciled: true } },
    ]);
    expect((settled.history[0]!.details as { finding: string }).finding).toMatch(/answer to the send was lost .*; the record was found in/);

    const records = await readTopic(seed.kafka, target, 2);
    expect(records.map((r) => r.value?.toString())).toEqual(['{"n":0}', '{"amount":2}']);
  });
});
