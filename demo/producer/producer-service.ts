// The demo's producer service: POST /push {topic, num, data[, key]} publishes num copies of data with an
// idempotent producer (acks=-1) and answers only once the broker has acknowledged every copy.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Kafka, Partitioners, type Admin, type Producer } from "kafkajs";
import type { Logger } from "pino";
import { kafkaLogCreator } from "../demo-log";
import { BodyTooLargeError, readBody, sendJson } from "../http-json";
import { errorMessage, isConnectionProblem } from "../kafka-errors";
import { MESSAGE_ID_HEADER } from "../message-headers";
import { parsePushRequest, pushRecords } from "./push-request";

export const MAX_BODY_BYTES = 1024 * 1024;
/** A topic seen to exist is not looked up again for this long; an unknown one is looked up every time. */
const TOPIC_CACHE_MS = 30_000;

export interface ProducerServiceOptions {
  brokers: string[];
  port: number;
  host?: string;
  /** How long a push waits for the broker's acknowledgement before answering 503. */
  sendTimeoutMs?: number;
  log: Logger;
}

export interface ProducerService {
  url: string;
  close(): Promise<void>;
}

class KafkaUnavailableError extends Error {}

/** One idempotent producer and an admin client, connected on first use and again after a failed attempt. */
class PushGateway {
  private readonly producer: Producer;
  private readonly admin: Admin;
  private connecting?: Promise<void>;
  private readonly topicSeenAt = new Map<string, number>();

  constructor(
    private readonly brokers: string[],
    log: Logger,
    private readonly sendTimeoutMs: number,
  ) {
    // Few, quick connection retries: with the broker down a push should hear so in about a second.
    const kafka = new Kafka({
      clientId: "redrive-demo-producer",
      brokers,
      connectionTimeout: 1_000,
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 500 },
      logCreator: kafkaLogCreator(log),
    });
    // kafkajs tracks idempotent sequence numbers assuming one request in flight per broker. A send keeps
    // retrying (what idempotence needs to stay exactly-once); the push's deadline is what answers the caller.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: Number.MAX_SAFE_INTEGER },
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.admin = kafka.admin();
  }

  ready(): Promise<void> {
    this.connecting ??= Promise.all([this.producer.connect(), this.admin.connect()]).then(
      () => undefined,
      (error: unknown) => {
        this.connecting = undefined;
        throw new KafkaUnavailableError(`Kafka at ${this.brokers.join(",")} is not reachable: ${errorMessage(error)}`);
      },
    );
    return this.connecting;
  }

  /** Topics are never created by a push: a typo would otherwise become a new topic. */
  async topicExists(topic: string): Promise<boolean> {
    const seen = this.topicSeenAt.get(topic);
    if (seen !== undefined && Date.now() - seen < TOPIC_CACHE_MS) return true;
    const exists = (await this.admin.listTopics()).includes(topic);
    if (exists) this.topicSeenAt.set(topic, Date.now());
    return exists;
  }

  async send(topic: string, records: ReturnType<typeof pushRecords>): Promise<void> {
    const messages = records.map(({ key, value, messageId }) => ({ key, value, headers: { [MESSAGE_ID_HEADER]: messageId } }));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new KafkaUnavailableError(
              `Kafka did not acknowledge within ${this.sendTimeoutMs} ms; some of the ${records.length} messages may still be written`,
            ),
          ),
        this.sendTimeoutMs,
      );
    });
    try {
      await Promise.race([this.producer.send({ topic, acks: -1, timeout: this.sendTimeoutMs, messages }), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }
}

export async function startProducerService({
  brokers,
  port,
  host = "127.0.0.1",
  sendTimeoutMs = 10_000,
  log,
}: ProducerServiceOptions): Promise<ProducerService> {
  const gateway = new PushGateway(brokers, log, sendTimeoutMs);

  async function push(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, MAX_BODY_BYTES)).toString("utf8"));
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        res.setHeader("connection", "close");
        return sendJson(res, 413, { msg: "params error", errors: [{ field: "body", message: error.message }] });
      }
      return sendJson(res, 400, { msg: "params error", errors: [{ field: "body", message: "the body is not valid JSON" }] });
    }
    const parsed = parsePushRequest(body);
    if (!parsed.ok) return sendJson(res, 400, { msg: "params error", errors: parsed.errors });
    const { push, value } = parsed;
    try {
      await gateway.ready();
      if (!(await gateway.topicExists(push.topic))) {
        return sendJson(res, 400, { msg: "params error", errors: [{ field: "topic", message: `topic ${push.topic} does not exist` }] });
      }
      await gateway.send(push.topic, pushRecords(push, value));
    } catch (error) {
      const unavailable = error instanceof KafkaUnavailableError || isConnectionProblem(error);
      log.warn({ topic: push.topic, num: push.num, err: errorMessage(error) }, "push failed");
      return unavailable
        ? sendJson(res, 503, { msg: "kafka unavailable", error: errorMessage(error) })
        : sendJson(res, 502, { msg: "push failed", error: errorMessage(error) });
    }
    log.debug({ topic: push.topic, num: push.num }, "pushed");
    sendJson(res, 200, { msg: "push success", topic: push.topic, num: push.num });
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === "/health" && req.method === "GET") return sendJson(res, 200, { status: "ok" });
    if (path !== "/push") return sendJson(res, 404, { msg: "not found" });
    if (req.method !== "POST") return sendJson(res, 405, { msg: "method not allowed: POST /push" });
    push(req, res).catch((error: unknown) => {
      log.error({ err: errorMessage(error) }, "push handler failed");
      if (!res.headersSent) sendJson(res, 500, { msg: "internal error" });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  // Connect now so the first push does not wait for it; a broker that is down is reported per push.
  gateway
    .ready()
    .catch((error: unknown) => log.warn({ err: errorMessage(error) }, "Kafka not reachable yet; pushes answer 503 until it is"));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
    },
  };
}
