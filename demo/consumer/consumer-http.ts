// The worker's HTTP side: GET /processed?topic=&key=&limit= (what it processed, the value exactly as received),
// GET /metrics (Prometheus text), GET /health (200 while it is a member of its group, 503 otherwise).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { z } from "zod";
import { sendJson } from "../http-json";
import { errorMessage } from "../kafka-errors";
import type { ConsumerMetrics } from "./consumer-metrics";
import type { OfferWorker } from "./consumer-worker";
import type { ProcessedRow, ProcessedStore } from "./processed-store";

const querySchema = z
  .object({
    topic: z.string().min(1).optional(),
    key: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(1_000).default(100),
  })
  .strict();

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function bytesView(value: Buffer | null): { text: string | null; base64: string } | null {
  if (value === null) return null;
  let text: string | null;
  try {
    text = strictUtf8.decode(value);
  } catch {
    text = null;
  }
  return { text, base64: value.toString("base64") };
}

function wireRecord(row: ProcessedRow) {
  return {
    topic: row.topic,
    partition: row.partition,
    offset: row.offset,
    key: bytesView(row.key),
    value: bytesView(row.value),
    headers: row.headers.map(({ key, value }) => ({ key, value: bytesView(value) })),
    messageId: row.messageId,
    redriveId: row.redriveId,
    attempts: row.attempts,
    fixed: row.fixed,
    processedAt: row.processedAt,
  };
}

export interface ConsumerHttpOptions {
  port: number;
  host: string;
  groupId: string;
  fixed: boolean;
  worker: OfferWorker;
  store: ProcessedStore;
  metrics: ConsumerMetrics;
  log: Logger;
}

export async function startConsumerHttp({
  port,
  host,
  groupId,
  fixed,
  worker,
  store,
  metrics,
  log,
}: ConsumerHttpOptions): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method !== "GET") return sendJson(res, 405, { error: "only GET is served" });
    const answer = async () => {
      switch (url.pathname) {
        case "/processed": {
          const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
          if (!query.success) {
            return sendJson(res, 400, {
              error: "bad query",
              issues: query.error.issues.map((i) => ({ field: i.path.join(".") || "query", message: i.message })),
            });
          }
          const rows = await store.query({ groupId, ...query.data });
          return sendJson(res, 200, { count: rows.length, records: rows.map(wireRecord) });
        }
        case "/metrics":
          res.writeHead(200, { "content-type": metrics.registry.contentType });
          return res.end(await metrics.registry.metrics());
        case "/health": {
          const healthy = worker.state === "running";
          return sendJson(res, healthy ? 200 : 503, {
            status: healthy ? "ok" : worker.state,
            groupId,
            fixed,
            assignment: worker.assignment,
          });
        }
        default:
          return sendJson(res, 404, { error: "not found: GET /processed, /metrics or /health" });
      }
    };
    answer().catch((error: unknown) => {
      log.error({ err: errorMessage(error), path: url.pathname }, "request failed");
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return { server, url: `http://${host}:${bound}` };
}
