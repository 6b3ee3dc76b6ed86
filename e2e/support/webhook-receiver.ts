// A local HTTP server standing in for Slack: it records every JSON body posted to it and answers the status a test
// sets, so alert tests see exactly what a real receiver would (listening on 127.0.0.1 only).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedPost {
  path: string;
  body: { text?: string; blocks?: unknown[] };
}

export class WebhookReceiver {
  readonly posts: ReceivedPost[] = [];
  /** What the next requests are answered with. */
  status = 200;
  private server?: Server;

  /** Starts listening; the URL has a secret-looking path like a Slack webhook's. */
  async start(path = "/services/T000/B000/s3cr3t-webhook-token"): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        this.posts.push({
          path: request.url ?? "",
          body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as ReceivedPost["body"],
        });
        response.writeHead(this.status, { "content-type": "text/plain" }).end(this.status < 300 ? "ok" : "error");
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  texts(): string[] {
    return this.posts.map((p) => p.body.text ?? "");
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
