// The triage routes over HTTP semantics: bodies are validated with errors that name the field, an edit given as
// text or base64 is what reaches the target, discard needs a reason, and the message's history lists both; an admin
// forgets a DLQ once nothing in it is pending.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { springDltRecord } from "@/e2e/support/dlq-records";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import type { DlqMessageDetails } from "@/lib/contract/schemas";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { callGet, callPost, callSend } from "@/test/api-client";

process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-triage-api-"));
delete process.env.DATABASE_URL;

const { getStore } = await import("@/lib/store/store");
const { storeDlqRows } = await import("@/lib/store/dlq-messages");
const redeliverRoute = await import("./[topic]/messages/[partition]/[offset]/redeliver/route");
const discardRoute = await import("./[topic]/messages/[partition]/[offset]/discard/route");
const detailsRoute = await import("./[topic]/messages/[partition]/[offset]/route");
const dlqRoute = await import("./[topic]/route");

const seed = new KafkaSeed();
let target = "";
let dlq = "";
const params = (offset: number) => ({ cluster: "default", topic: dlq, partition: "0", offset: String(offset) });
const url = (offset: number, action: string) => `/api/clusters/default/dlqs/${dlq}/messages/0/${offset}/${action}`;

beforeAll(async () => {
  target = await seed.createTopic(uniqueName("payments"), 1);
  dlq = `${target}.DLT`;
  const record = springDltRecord({
    originalTopic: target,
    exceptionClass: "com.shop.Declined",
    message: "Payment 1 declined",
    key: "p-1",
    value: '{"amount":1}',
  });
  const store = await getStore();
  await storeDlqRows(
    store,
    [0, 1, 2].map((offset) =>
      dlqRow({
        cluster: "default",
        topic: dlq,
        partition: 0,
        offset: BigInt(offset),
        timestampMs: 1_000n,
        key: Buffer.from("p-1"),
        value: Buffer.from('{"amount":1}'),
        headers: (record.headers ?? []).map(([k, v]) => ({ key: k, value: v === null ? null : Buffer.from(v) })),
      }),
    ),
  );
}, 60_000);

afterAll(() => seed.cleanup());

describe("POST …/redeliver and …/discard", () => {
  it("names what is wrong with a body", async () => {
    for (const [body, field] of [
      [{ targetTopic: "not a topic!" }, "targetTopic"],
      [{ edit: { value: { base64: "%%%" } } }, "edit.value"],
      [{ edit: { headers: [{ key: "", value: null }] } }, "edit.headers.0.key"],
      [{ colour: "red" }, "colour"],
    ] as const) {
      const response = await callPost(redeliverRoute.POST, url(0, "redeliver"), params(0), body);
      const answer = (await response.json()) as { error: { code: string; message: string } };
      expect([response.status, answer.error.code]).toEqual([422, "validation_failed"]);
      expect(answer.error.message).toContain(field);
    }
    const noReason = await callPost(discardRoute.POST, url(1, "discard"), params(1), {});
    expect(noReason.status).toBe(422);
    expect(((await noReason.json()) as { error: { message: string } }).error.message).toContain("reason");
  });

  it("redelivers an edit given as text, answers where it went, and refuses a second time", async () => {
    const response = await callPost(redeliverRoute.POST, url(0, "redeliver"), params(0), {
      edit: { value: { text: '{"amount":2}' }, key: { base64: Buffer.from("p-2").toString("base64") } },
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { actionId: string; target: { topic: string; partition: number; offset: string } };
    expect(answer.target).toEqual({ topic: target, partition: 0, offset: "0" });
    const again = await callPost(redeliverRoute.POST, url(0, "redeliver"), params(0), {});
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("already_resolved");

    const details = (await (await callGet(detailsRoute.GET, url(0, ""), params(0))).json()) as DlqMessageDetails;
    expect(details.status).toBe("redelivered");
    expect(details.history.map((h) => h.action)).toEqual(["message.redeliver"]);
    expect(details.history[0]!.target).toEqual(answer.target);
  });

  it("discards with a reason, once", async () => {
    const response = await callPost(discardRoute.POST, url(1, "discard"), params(1), { reason: "duplicate payment" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "discarded" });
    expect((await callPost(discardRoute.POST, url(1, "discard"), params(1), { reason: "again" })).status).toBe(409);
    const details = (await (await callGet(detailsRoute.GET, url(1, ""), params(1))).json()) as DlqMessageDetails;
    expect(details.history[0]).toMatchObject({ action: "message.discard", details: { reason: "duplicate payment" } });
  });

  it("refuses a viewer", async () => {
    expect((await callPost(discardRoute.POST, url(2, "discard"), params(2), { reason: "x" }, "viewer")).status).toBe(403);
  });
});

describe("DELETE /api/clusters/{c}/dlqs/{topic}", () => {
  it("forgets a DLQ for an admin once nothing is pending, and refuses an operator", async () => {
    const forgotten = `${uniqueName("forgotten")}.DLT`;
    const dlqParams = { cluster: "default", topic: forgotten };
    const at = `/api/clusters/default/dlqs/${forgotten}`;
    await storeDlqRows(await getStore(), [
      dlqRow({
        cluster: "default",
        topic: forgotten,
        partition: 0,
        offset: 0n,
        timestampMs: 1_000n,
        key: null,
        value: Buffer.from("x"),
        headers: [],
      }),
    ]);
    const error = async (response: Response) => ({
      status: response.status,
      code: ((await response.json()) as { error: { code: string; message: string } }).error.code,
    });

    expect(await error(await callSend("DELETE", dlqRoute.DELETE, at, dlqParams, undefined, "operator"))).toEqual({
      status: 403,
      code: "forbidden",
    });
    const refused = await callSend("DELETE", dlqRoute.DELETE, at, dlqParams, undefined, "admin");
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/^1 record of ".+" is still pending/);

    const discardParams = { ...dlqParams, partition: "0", offset: "0" };
    expect((await callPost(discardRoute.POST, `${at}/messages/0/0/discard`, discardParams, { reason: "topic deleted" })).status).toBe(200);
    const done = await callSend("DELETE", dlqRoute.DELETE, at, dlqParams, undefined, "admin");
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ records: 1, redelivered: 0, discarded: 1 });
    expect(await error(await callGet(dlqRoute.GET, at, dlqParams))).toEqual({ status: 404, code: "not_found" });
  });
});
