// Serves route handlers over a real HTTP socket, with the server's client-address listener installed, so tests see
// what `next start` gives a handler: the peer's address resolved from the socket, not from what the client wrote.
// Requests can be sent from any 127.0.0.0/8 address, so one test can play several clients and a trusted proxy.
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { parseAllowList } from "@/lib/net/allow-list";
import { installRequestAddresses } from "@/lib/net/request-address";

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export interface RouteServer {
  origin: string;
  close(): Promise<void>;
}

/** The request body as Next hands it over: a stream the handler may cancel, after which the rest is drained unread. */
function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Buffer) => {
          if (cancelled) return;
          controller.enqueue(new Uint8Array(chunk));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on("end", () => cancelled || controller.close());
        req.on("error", (error) => cancelled || controller.error(error));
        req.pause();
      },
      pull: () => void req.resume(),
      cancel: () => {
        cancelled = true;
        req.resume();
      },
    },
    { highWaterMark: 1 },
  );
}

/** Listens on 127.0.0.1 and hands every request to `handler` with `params`; `trustedProxies` as REDRIVE_TRUSTED_PROXIES. */
export async function serveRoute(
  handler: Handler,
  params: Record<string, string | string[]>,
  trustedProxies: string,
): Promise<RouteServer> {
  installRequestAddresses(parseAllowList(trustedProxies));
  const server = createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) for (const one of [value ?? []].flat()) headers.append(name, one);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const init = { method: req.method, headers, body: hasBody ? bodyOf(req) : undefined, duplex: "half" };
    void handler(new Request(`http://${req.headers.host}${req.url}`, init as RequestInit), { params: Promise.resolve(params) })
      .then(async (response) => {
        res.statusCode = response.status;
        for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
        res.setHeader("set-cookie", response.headers.getSetCookie());
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => res.destroy(error as Error));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const agents = new Map<string, Agent>();

export interface SentRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The client's own address (the socket peer the server sees), any of 127.0.0.0/8. */
  from?: string;
}

/** One request over a kept-alive connection from `from`; answers status, headers and body text. */
export function send(url: string, { method = "GET", headers = {}, body, from = "127.0.0.1" }: SentRequest = {}) {
  let agent = agents.get(from);
  if (!agent) agents.set(from, (agent = new Agent({ keepAlive: true, localAddress: from })));
  return new Promise<{ status: number; headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Closes the kept-alive connections, so a test file ends without open sockets. */
export function closeConnections(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}
