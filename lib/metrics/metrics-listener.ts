// A second, metrics-only listener (REDRIVE_METRICS_LISTEN): GET /metrics without a token, to the addresses in
// REDRIVE_METRICS_ALLOW. It sees the connecting socket, so its allow-list checks the real peer address — which a
// Next.js route handler cannot (it sees only X-Forwarded-For, whatever the client sent). Anything else on this
// port is refused; the console's own routes stay on the console's port.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AllowList } from "@/lib/net/allow-list";

export interface MetricsListenerOptions {
  host: string;
  port: number;
  allow: AllowList;
  contentType: string;
  render: () => Promise<string>;
  onError?: (error: Error) => void;
}

export interface MetricsListener {
  /** Where it listens (the bound port when 0 was asked for). */
  readonly url: string;
  close(): Promise<void>;
}

function reply(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers });
  response.end(text);
}

export async function startMetricsListener(options: MetricsListenerOptions): Promise<MetricsListener> {
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const peer = request.socket.remoteAddress;
    if (!options.allow.allows(peer)) return reply(response, 403, `${peer ?? "this address"} is not in REDRIVE_METRICS_ALLOW\n`);
    const path = (request.url ?? "/").split("?")[0];
    if (path !== "/metrics") return reply(response, 404, "not found: this port serves GET /metrics only\n");
    if (request.method !== "GET" && request.method !== "HEAD")
      return reply(response, 405, "method not allowed: GET /metrics\n", { Allow: "GET, HEAD" });
    options.render().then(
      (text) => {
        response.writeHead(200, { "Content-Type": options.contentType, "Cache-Control": "no-store" });
        response.end(request.method === "HEAD" ? undefined : text);
      },
      (error: unknown) => {
        options.onError?.(error instanceof Error ? error : new Error(String(error)));
        reply(response, 500, "metrics could not be collected; see the server log\n");
      },
    );
  };
  const server: Server = createServer(handle);
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (error) => options.onError?.(error));
  const bound = server.address();
  const port = typeof bound === "object" && bound ? bound.port : options.port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
