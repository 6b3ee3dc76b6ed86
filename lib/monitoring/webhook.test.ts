// Webhook URLs and posting, against a real local HTTP server: schemes refused, URLs masked, redirects not followed,
// slow receivers timed out, 5xx retried and 4xx not.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maskWebhookUrl, postWebhook, webhookUrlSchema } from "./webhook";

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
      response.writeHead(200).end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  const fast = { timeoutMs: 300, attempts: 3, backoffMs: 10 };

  it("does not follow a redirect", async () => {
    hits.length = 0;
    expect(await postWebhook(`${base}/redirect`, { text: "x" }, { ...fast, attempts: 1 })).toEqual({ ok: false, error: "answered 302 (redirects are not followed)", attempts: 1 });
    expect(hits).toEqual(["/redirect"]);
  });

  it("retries 5xx and gives up on 4xx at once", async () => {
    failuresLeft = 2;
    expect(await postWebhook(`${base}/flaky`, { text: "x" }, fast)).toEqual({ ok: true, status: 200, attempts: 3 });
    expect(await postWebhook(`${base}/gone`, { text: "x" }, fast)).toEqual({ ok: false, error: "answered HTTP 410", attempts: 1 });
  });

  it("times out a slow receiver and reports a refused connection without the URL", async () => {
    expect(await postWebhook(`${base}/slow`, { text: "x" }, { ...fast, attempts: 1 })).toEqual({ ok: false, error: "no answer within 0.3 s", attempts: 1 });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await postWebhook(`http://127.0.0.1:${port}/secret-path`, { text: "x" }, { ...fast, attempts: 1 });
    expect(refused).toEqual({ ok: false, error: "could not connect (ECONNREFUSED)", attempts: 1 });
  });
});
