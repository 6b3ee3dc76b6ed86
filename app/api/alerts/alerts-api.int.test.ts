// The alert routes over HTTP semantics: admins only (403 for an operator), bodies validated with errors naming the
// field (webhook schemes other than http(s) refused, and internal or own addresses REDRIVE_WEBHOOK_ALLOW does not
// list), webhook URLs masked in every answer and audit entry, rule changes audited, "send test" reaching a local
// receiver and reporting a failure by HTTP status or "no answer" only, and the history routes' ranges.
import { createServer } from "node:http";
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookReceiver } from "@/e2e/support/webhook-receiver";
import type { AlertRuleView } from "@/lib/contract/alert-schemas";
import { callGet, callPost, callSend } from "@/test/api-client";

process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-alerts-api-"));
delete process.env.DATABASE_URL;
// The local receiver listens on 127.0.0.1: allowed by name, as an operator would; every other loopback address is not.
process.env.REDRIVE_WEBHOOK_ALLOW = "127.0.0.1";
process.env.REDRIVE_PUBLIC_URL = "https://redrive.console.test";

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
    expect((await callPost(rulesRoute.POST, "/api/alerts", {}, { name: "x", kind: "dlq_pending", webhookUrl }, "operator")).status).toBe(
      403,
    );
    expect((await callSend("DELETE", ruleRoute.DELETE, "/api/alerts/x", { id: "x" }, undefined, "viewer")).status).toBe(403);
    expect((await callPost(testRoute.POST, "/api/alerts/x/test", { id: "x" }, {}, "operator")).status).toBe(403);
  });

  it("creates, changes, tests and deletes a rule, masking the webhook everywhere and auditing each change", async () => {
    const created = await callPost(
      rulesRoute.POST,
      "/api/alerts",
      {},
      { name: "Orders DLQ filling", kind: "dlq_pending", target: "orders.DLT", threshold: "100", forSeconds: 300, webhookUrl },
      "admin",
    );
    expect(created.status).toBe(201);
    const rule = (await created.json()) as AlertRuleView;
    const origin = new URL(webhookUrl).origin;
    expect(rule).toMatchObject({
      name: "Orders DLQ filling",
      threshold: "100",
      webhook: `${origin}/…`,
      state: "ok",
      enabled: true,
      condition: "orders.DLT: pending above 100 for 5m",
    });

    const patched = await callSend("PATCH", ruleRoute.PATCH, `/api/alerts/${rule.id}`, { id: rule.id }, { enabled: false, threshold: 50 });
    expect(patched.status).toBe(200);
    // What the change leaves out stays as it was.
    expect(await patched.json()).toMatchObject({
      enabled: false,
      threshold: "50",
      forSeconds: 300,
      target: "orders.DLT",
      webhook: `${origin}/…`,
    });
    const badPatch = await callSend(
      "PATCH",
      ruleRoute.PATCH,
      `/api/alerts/${rule.id}`,
      { id: rule.id },
      { webhookUrl: "javascript:alert(1)" },
    );
    expect(badPatch.status).toBe(422);
    expect((await errorOf(badPatch)).message).toContain("webhookUrl");

    const test = await callPost(testRoute.POST, `/api/alerts/${rule.id}/test`, { id: rule.id }, {}, "admin");
    expect(await test.json()).toEqual({ ok: true, status: 200, attempts: 1 });
    expect(receiver.posts.at(-1)).toMatchObject({
      path: `/services/T000/B000/${SECRET}`,
      body: { text: '[Redrive] Test notice for "Orders DLQ filling"' },
    });
    receiver.status = 404;
    const refused = await callPost(testRoute.POST, `/api/alerts/${rule.id}/test`, { id: rule.id }, {}, "admin");
    receiver.status = 200;
    expect(await refused.json()).toEqual({ ok: false, status: 404, error: "HTTP 404", attempts: 1 });

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

describe("webhook addresses", () => {
  const HINT = "; list it in REDRIVE_WEBHOOK_ALLOW to send there";
  // eth0's address, say: this console's own, whatever range it is in.
  const ownAddress = Object.values(networkInterfaces())
    .flat()
    .find((info) => info && !info.internal && info.family === "IPv4")?.address;

  const create = (name: string, webhookUrl: string) =>
    callPost(rulesRoute.POST, "/api/alerts", {}, { name, kind: "dlq_pending", webhookUrl }, "admin");
  const changeWebhook = (id: string, webhookUrl: string) => callSend("PATCH", ruleRoute.PATCH, `/api/alerts/${id}`, { id }, { webhookUrl });

  it("refuses a URL whose host is internal or this console, naming the host and why, and saves nothing", async () => {
    const before = receiver.posts.length;
    const cases: [string, string][] = [
      ["http://127.0.0.2:9/hook", `webhookUrl: "127.0.0.2" is a loopback address (127.0.0.0/8)${HINT}`],
      ["http://[::1]:9/hook", `webhookUrl: "::1" is this console's own address${HINT}`],
      ["http://169.254.169.254/latest/meta-data/", `webhookUrl: "169.254.169.254" is a link-local address (169.254.0.0/16)${HINT}`],
      ["http://10.0.0.1/hook", `webhookUrl: "10.0.0.1" is a private address (10.0.0.0/8)${HINT}`],
      ["http://172.20.1.1/hook", `webhookUrl: "172.20.1.1" is a private address (172.16.0.0/12)${HINT}`],
      ["http://[::ffff:192.168.1.1]/hook", `webhookUrl: "::ffff:c0a8:101" is a private address inside IPv6 (192.168.0.0/16)${HINT}`],
      [
        "https://redrive.console.test/api/alerts",
        `webhookUrl: "redrive.console.test" is this console's own host (REDRIVE_PUBLIC_URL)${HINT}`,
      ],
    ];
    if (ownAddress) cases.push([`http://${ownAddress}:9/hook`, `webhookUrl: "${ownAddress}" is this console's own address${HINT}`]);
    for (const [url, message] of cases) {
      const response = await create("Internal", url);
      expect([response.status, await errorOf(response)], url).toEqual([422, { code: "validation_failed", message }]);
    }
    const rules = (await (await callGet(rulesRoute.GET, "/api/alerts", {}, "admin")).json()) as AlertRuleView[];
    expect(rules.filter((r) => r.name === "Internal")).toEqual([]);
    expect(receiver.posts.length).toBe(before);
  });

  it("refuses a change to an internal URL and keeps the one saved", async () => {
    const created = (await (await create("Kept", webhookUrl)).json()) as AlertRuleView;
    const mapped = await changeWebhook(created.id, "http://[::ffff:7f00:2]:9/x");
    expect([mapped.status, (await errorOf(mapped)).message]).toEqual([
      422,
      `webhookUrl: "::ffff:7f00:2" is a loopback address inside IPv6 (127.0.0.0/8)${HINT}`,
    ]);
    const metadata = await changeWebhook(created.id, "http://169.254.169.254/");
    expect([metadata.status, (await errorOf(metadata)).message]).toEqual([
      422,
      `webhookUrl: "169.254.169.254" is a link-local address (169.254.0.0/16)${HINT}`,
    ]);
    const test = await callPost(testRoute.POST, `/api/alerts/${created.id}/test`, { id: created.id }, {}, "admin");
    expect(await test.json()).toEqual({ ok: true, status: 200, attempts: 1 });
    await callSend("DELETE", ruleRoute.DELETE, `/api/alerts/${created.id}`, { id: created.id }, undefined);
  });

  it("reports a receiver that does not answer as 'no answer', never the socket error that would map the port", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const created = (await (await create("Closed port", `http://127.0.0.1:${port}/x`)).json()) as AlertRuleView;
    const test = await callPost(testRoute.POST, `/api/alerts/${created.id}/test`, { id: created.id }, {}, "admin");
    expect(await test.json()).toEqual({ ok: false, error: "no answer", attempts: 3 });
    await callSend("DELETE", ruleRoute.DELETE, `/api/alerts/${created.id}`, { id: created.id }, undefined);
  });
});

describe("history routes", () => {
  it("answer the requested range and refuse an unknown one", async () => {
    const lag = await callGet(lagRoute.GET, "/api/clusters/default/groups/g/lag-history?range=6h", { cluster: "default", group: "g" });
    expect(await lag.json()).toMatchObject({ range: "6h", bucketSeconds: 90, points: [] });
    const badRange = await callGet(lagRoute.GET, "/api/clusters/default/groups/g/lag-history?range=2y", { cluster: "default", group: "g" });
    expect(badRange.status).toBe(400);
    expect((await errorOf(badRange)).message).toContain("range");
    const inflow = await callGet(inflowRoute.GET, "/api/clusters/default/dlqs/x.DLT/inflow?range=7d", {
      cluster: "default",
      topic: "x.DLT",
    });
    expect(((await inflow.json()) as { points: unknown[] }).points).toHaveLength(168);
    expect((await callGet(inflowRoute.GET, "/api/clusters/nope/dlqs/x.DLT/inflow", { cluster: "nope", topic: "x.DLT" })).status).toBe(404);
  });
});
