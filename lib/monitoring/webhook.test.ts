// Webhook URLs and posting, against a real local HTTP server on 127.0.0.1: schemes refused, URLs masked, redirects
// not followed, slow receivers timed out, 5xx retried and 4xx not, failures told as an HTTP status or "no answer",
// and every attempt connecting only to the address the policy checked for it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postWebhook } from "./webhook";
import { testWebhookPolicy as testPolicy } from "./webhook-policy.fixture";
import { maskWebhookUrl, webhookUrlSchema } from "@/lib/contract/webhook-url";

describe("webhookUrlSchema", () => {
  it("accepts http(s) URLs only, without credentials", () => {
    expect(webhookUrlSchema.safeParse("https://hooks.slack.com/services/T0/B0/x").success).toBe(true);
    expect(webhookUrlSchema.safeParse("http://alerts.internal:8080/hook").success).toBe(true);
    for (const bad of ["ftp://x/y", "file:///etc/passwd", "javascript:alert(1)", "gopher://x", "//x/y", "https://u:p@x/y", ""]) {
      expect(webhookUrlSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("maskWebhookUrl", () => {
  it("keeps the origin and hides the path and query, where the secret is", () => {
    expect(maskWebhookUrl("https://hooks.slack.com/services/T0/B0/s3cret")).toBe("https://hooks.slack.com/…");
    expect(maskWebhookUrl("https://example.com/?token=s3cret")).toBe("https://example.com/…");
    expect(maskWebhookUrl("https://example.com")).toBe("https://example.com");
  });
});

describe("postWebhook", () => {
  const hits: string[] = [];
  let server: Server;
  let port = 0;
  let base = "";
  let failuresLeft = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      hits.push(request.url ?? "");
      request.resume();
      if (request.url === "/redirect") return void response.writeHead(302, { location: `${base}/ok` }).end();
      if (request.url === "/slow") return void setTimeout(() => response.writeHead(200).end(), 1_000);
      if (request.url === "/flaky" && failuresLeft-- > 0) return void response.writeHead(503).end();
      if (request.url === "/gone") return void response.writeHead(410).end();
      if (request.url === "/trickle") return void response.writeHead(200).write("never ends");
      response.writeHead(200).end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  const loopbackAllowed = testPolicy("127.0.0.1");
  const fast = { timeoutMs: 300, attempts: 3, backoffMs: 10, policy: loopbackAllowed };

  it("does not follow a redirect", async () => {
    hits.length = 0;
    expect(await postWebhook(`${base}/redirect`, { text: "x" }, { ...fast, attempts: 1 })).toEqual({
      ok: false,
      status: 302,
      error: "HTTP 302 (redirects are not followed)",
      attempts: 1,
    });
    expect(hits).toEqual(["/redirect"]);
  });

  it("retries 5xx and gives up on 4xx at once", async () => {
    failuresLeft = 2;
    expect(await postWebhook(`${base}/flaky`, { text: "x" }, fast)).toEqual({ ok: true, status: 200, attempts: 3 });
    expect(await postWebhook(`${base}/gone`, { text: "x" }, fast)).toEqual({ ok: false, status: 410, error: "HTTP 410", attempts: 1 });
  });

  it("says only 'no answer' for a slow receiver and for a closed port, never the socket error", async () => {
    const slow = await postWebhook(`${base}/slow`, { text: "x" }, { ...fast, attempts: 1 });
    expect(slow).toEqual({ ok: false, error: "no answer", attempts: 1 });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await postWebhook(`http://127.0.0.1:${closedPort}/secret-path`, { text: "x" }, { ...fast, attempts: 2 });
    expect(refused).toEqual({ ok: false, error: "no answer", attempts: 2 });
  });

  it("takes the status and cuts off a body that never ends when the time is up, without failing", async () => {
    expect(await postWebhook(`${base}/trickle`, { text: "x" }, { ...fast, attempts: 1 })).toEqual({ ok: true, status: 200, attempts: 1 });
    await new Promise((resolve) => setTimeout(resolve, 500));
  });

  it("refuses an internal address before connecting unless the policy allows it", async () => {
    hits.length = 0;
    const refused = await postWebhook(`${base}/ok`, { text: "x" }, { ...fast, policy: testPolicy("") });
    expect(refused).toEqual({
      ok: false,
      error: `refused: "127.0.0.1" is this console's own address; list it in REDRIVE_WEBHOOK_ALLOW to send there`,
      attempts: 1,
    });
    expect(await postWebhook("http://10.0.0.1/hook", { text: "x" }, fast)).toEqual({
      ok: false,
      error: `refused: "10.0.0.1" is a private address (10.0.0.0/8); list it in REDRIVE_WEBHOOK_ALLOW to send there`,
      attempts: 1,
    });
    expect(hits).toEqual([]);
  });

  it("checks the name again when it sends: a host that now resolves to loopback is refused", async () => {
    hits.length = 0;
    const policy = testPolicy("", { "hooks.test": ["127.0.0.1"] });
    expect(await postWebhook(`http://hooks.test:${port}/ok`, { text: "x" }, { ...fast, policy })).toEqual({
      ok: false,
      error: `refused: "hooks.test" resolves to this console's own address; list it in REDRIVE_WEBHOOK_ALLOW to send there`,
      attempts: 1,
    });
    expect(hits).toEqual([]);
  });

  it("connects to the address it checked, never to a second DNS answer", async () => {
    hits.length = 0;
    // The first answer is allowed; any later one (a rebinding attempt) is not. Only the system resolver could
    // otherwise find "hooks.test", and it cannot: the request reaches the server through the checked address.
    const answers = [["127.0.0.1"], ["127.0.0.2"]];
    let lookups = 0;
    const policy = testPolicy("127.0.0.1", { "hooks.test": () => answers[Math.min(lookups++, 1)]! });
    const posted = await postWebhook(`http://hooks.test:${port}/ok`, { text: "x" }, { ...fast, policy });
    expect(posted).toEqual({ ok: true, status: 200, attempts: 1 });
    expect([lookups, hits]).toEqual([1, ["/ok"]]);
  });

  it("lets an allowed host name through whatever it resolves to", async () => {
    const policy = testPolicy("hooks.test", { "hooks.test": ["127.0.0.1"] });
    const posted = await postWebhook(`http://HOOKS.test:${port}/ok`, { text: "x" }, { ...fast, policy });
    expect(posted).toEqual({ ok: true, status: 200, attempts: 1 });
  });
});
