// The alert routes over HTTP semantics: admins only (403 for an operator), bodies validated with errors naming the
// field (webhook schemes other than http(s) refused), webhook URLs masked in every answer and audit entry, rule
// changes audited, "send test" reaching a local receiver and reporting a refusal, and the history routes' ranges.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookReceiver } from "@/e2e/support/webhook-receiver";
import type { AlertRuleView } from "@/lib/api/alert-wire";
import { callGet, callPost, callSend } from "@/test/api-client";

process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-alerts-api-"));
delete process.env.DATABASE_URL;

const { getStore } = await import("@/lib/store/store");
const { auditLog } = await import("@/lib/store/audit-schema");
const rulesRoute = await import("./route");
const ruleRoute = await import("./[id]/route");
const testRoute = await import("./[id]/test/route");
const lagRoute = await import("../clusters/[cluster]/groups/[group]/lag-history/route");
const inflowRoute = await import("../clusters/[cluster]/dlqs/[topic]/inflow/route");

const receiver = new WebhookReceiver();
let webhookUrl = "";
const SECRET = "s3cr3t-webhook-token";

beforeAll(async () => {
  webhookUrl = await receiver.start(`/services/T000/B000/${SECRET}`);
});
afterAll(() => receiver.stop());

const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

describe("/api/alerts", () => {
  it("names the field that is wrong", async () => {
    const valid = { name: "DLQ filling", kind: "dlq_pending", threshold: 10, webhookUrl };
    for (const [body, field] of [
      [{ ...valid, webhookUrl: "ftp://hooks.example.com/x" }, "webhookUrl"],
      [{ ...valid, webhookUrl: "file:///etc/passwd" }, "webhookUrl"],
      [{ ...valid, webhookUrl: "http://user:pw@hooks.example.com/x" }, "webhookUrl"],
      [{ ...valid, webhookUrl: "not a url" }, "webhookUrl"],
      [{ ...valid, kind: "disk_full" }, "kind"],
      [{ ...valid, threshold: -1 }, "threshold"],
      [{ ...valid, name: " " }, "name"],
      [{ ...valid, forSeconds: 1.5 }, "forSeconds"],
      [{ ...valid, kind: "dlq_oldest_pending", threshold: 0 }, "threshold"],
      [{ ...valid, colour: "red" }, "colour"],
    ] as const) {
      const response = await callPost(rulesRoute.POST, "/api/alerts", {}, body, "admin");
      const error = await errorOf(response);
      expect([response.status, error.code], JSON.stringify(body)).toEqual([422, "validation_failed"]);
      expect(error.message).toContain(field);
    }
  });

  it("is for admins only", async () => {
    expect((await callGet(rulesRoute.GET, "/api/alerts", {}, "operator")).status).toBe(403);
    expect((await callPost(rulesRoute.POST, "/api/alerts", {}, { name: "x", kind: "dlq_pending", webhookUrl }, "operator")).status).toBe(403);
    expect((await callSend("DELETE", ruleRoute.DELETE, "/api/alerts/x", { id: "x" }, undefined, "viewer")).status).toBe(403);
    expect((await callPost(testRoute.POST, "/api/alerts/x/test", { id: "x" }, {}, "operator")).status).toBe(403);
  });

  it("creates, changes, tests and deletes a rule, masking the webhook everywhere and auditing each change", async () => {
    const created = await callPost(rulesRoute.POST, "/api/alerts", {}, { name: "Orders DLQ filling", kind: "dlq_pending", target: "orders.DLT", threshold: "100", forSeconds: 300, webhookUrl }, "admin");
    expect(created.status).toBe(201);
    const rule = (await created.json()) as AlertRuleView;
    const origin = new URL(webhookUrl).origin;
    expect(rule).toMatchObject({ name: "Orders DLQ filling", threshold: "100", webhook: `${origin}/…`, state: "ok", enabled: true, condition: "orders.DLT: pending above 100 for 5m" });

    const patched = await callSend("PATCH", ruleRoute.PATCH, `/api/alerts/${rule.id}`, { id: rule.id }, { enabled: false, threshold: 50 });
    expect(patched.status).toBe(200);
    // What the change leaves out stays as it was.
    expect(await patched.json()).toMatchObject({ enabled: false, threshold: "50", forSeconds: 300, target: "orders.DLT", webhook: `${origin}/…` });
    const badPatch = await callSend("PATCH", ruleRoute.PATCH, `/api/alerts/${rule.id}`, { id: rule.id }, { webhookUrl: "javascript:alert(1)" });
    expect(badPatch.status).toBe(422);
    expect((await errorOf(badPatch)).message).toContain("webhookUrl");

    const test = await callPost(testRoute.POST, `/api/alerts/${rule.id}/test`, { id: rule.id }, {}, "admin");
    expect(await test.json()).toEqual({ ok: true, status: 200, attempts: 1 });
    expect(receiver.posts.at(-1)).toMatchObject({ path: `/services/T000/B000/${SECRET}`, body: { text: '[Redrive] Test notice for "Orders DLQ filling"' } });
    receiver.status = 404;
    const refused = await callPost(testRoute.POST, `/api/alerts/${rule.id}/test`, { id: rule.id }, {}, "admin");
    receiver.status = 200;
    expect(await refused.json()).toEqual({ ok: false, error: "answered HTTP 404", attempts: 1 });

    const listed = await callGet(rulesRoute.GET, "/api/alerts", {}, "admin");
    expect(JSON.stringify(await listed.json())).not.toContain(SECRET);

    expect((await callSend("DELETE", ruleRoute.DELETE, `/api/alerts/${rule.id}`, { id: rule.id }, undefined)).status).toBe(204);
    expect((await callSend("DELETE", ruleRoute.DELETE, `/api/alerts/${rule.id}`, { id: rule.id }, undefined)).status).toBe(404);

    const entries = (await (await getStore()).db.select().from(auditLog)).filter((e) => e.action.startsWith("alert."));
    expect(entries.map((e) => e.action)).toEqual(["alert.create", "alert.update", "alert.test", "alert.test", "alert.delete"]);
    expect(entries[1]!.details).toMatchObject({ changed: ["threshold", "enabled"], enabled: false });
    expect(JSON.stringify(entries.map((e) => e.details))).not.toContain(SECRET);
    expect(entries[0]!.details).toMatchObject({ webhook: `${origin}/…` });
  });
});

describe("history routes", () => {
  it("answer the requested range and refuse an unknown one", async () => {
    const lag = await callGet(lagRoute.GET, "/api/clusters/default/groups/g/lag-history?range=6h", { cluster: "default", group: "g" });
    expect(await lag.json()).toMatchObject({ range: "6h", bucketSeconds: 90, points: [] });
    const badRange = await callGet(lagRoute.GET, "/api/clusters/default/groups/g/lag-history?range=2y", { cluster: "default", group: "g" });
    expect(badRange.status).toBe(400);
    expect((await errorOf(badRange)).message).toContain("range");
    const inflow = await callGet(inflowRoute.GET, "/api/clusters/default/dlqs/x.DLT/inflow?range=7d", { cluster: "default", topic: "x.DLT" });
    expect(((await inflow.json()) as { points: unknown[] }).points).toHaveLength(168);
    expect((await callGet(inflowRoute.GET, "/api/clusters/nope/dlqs/x.DLT/inflow", { cluster: "nope", topic: "x.DLT" })).status).toBe(404);
  });
});
