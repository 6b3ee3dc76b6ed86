// kafkajs clients, one set per cluster, created lazily and kept on globalThis so dev hot reloads do not leak
// connections. A connectivity failure drops the cached clients, so the next call reconnects from scratch:
// that is what lets the console recover from a broker restart without restarting the server.
import "server-only";
import { Kafka, logLevel, Partitioners, type Admin, type LogEntry, type Producer, type ProducerConfig, type SASLOptions } from "kafkajs";
import { ApiError } from "@/lib/api/errors";
import { errorChain } from "@/lib/error-chain";
import type { ClusterConfig } from "@/lib/config/clusters";
import { log } from "@/lib/log";

interface ClusterClients {
  kafka: Kafka;
  admin?: Promise<Admin>;
  offsets?: Promise<OffsetCluster>;
  producer?: Promise<Producer>;
  batchProducer?: Promise<Producer>;
}

/**
 * The slice of kafkajs's internal Cluster that reads offsets for many topics in one ListOffsets request per
 * leader broker. The public admin call (`fetchTopicOffsets`) takes one topic at a time and refreshes metadata
 * for each, which is far too slow for a cluster with hundreds of topics.
 */
export interface OffsetCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  targetTopics: Set<string>;
  fetchTopicsOffset(
    topics: { topic: string; fromBeginning: boolean; partitions: { partition: number }[] }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

const cache = ((globalThis as { __redriveKafkaClients?: Map<string, ClusterClients> }).__redriveKafkaClients ??= new Map());

const kafkaLog = log.child({ component: "kafkajs" });

// kafkajs reports every failed connection attempt at ERROR; the console reports unreachability itself,
// so its own chatter goes to debug and only warnings surface.
function logCreator() {
  return ({ level, log: entry }: LogEntry) => {
    const { message, ...extra } = entry;
    const fields = { namespace: extra.logger, broker: extra.broker, error: extra.error };
    if (level === logLevel.WARN) kafkaLog.warn(fields, message);
    else kafkaLog.debug(fields, message);
  };
}

function createKafka(cluster: ClusterConfig): Kafka {
  return new Kafka({
    clientId: cluster.clientId,
    brokers: cluster.brokers,
    ssl: cluster.ssl ?? false,
    // The mechanism union is checked by the env schema; kafkajs types each mechanism separately.
    sasl: cluster.sasl as SASLOptions | undefined,
    connectionTimeout: cluster.connectionTimeoutMs,
    requestTimeout: 15_000,
    retry: { retries: 2, initialRetryTime: 150, maxRetryTime: 1_000 },
    logLevel: logLevel.WARN,
    logCreator,
  });
}

function clientsFor(cluster: ClusterConfig): ClusterClients {
  let clients = cache.get(cluster.id);
  if (!clients) {
    clients = { kafka: createKafka(cluster) };
    cache.set(cluster.id, clients);
  }
  return clients;
}

export function kafkaFor(cluster: ClusterConfig): Kafka {
  return clientsFor(cluster).kafka;
}

export function adminFor(cluster: ClusterConfig): Promise<Admin> {
  const clients = clientsFor(cluster);
  if (!clients.admin) {
    const admin = clients.kafka.admin();
    clients.admin = admin.connect().then(
      () => admin,
      (error: unknown) => {
        clients.admin = undefined;
        throw error;
      },
    );
  }
  return clients.admin;
}

/** The idempotent producer single redeliveries go through (acks=-1 is set per send). */
export function producerFor(cluster: ClusterConfig): Promise<Producer> {
  return connectedProducer(cluster, "producer", { idempotent: true });
}

/**
 * The producer of bulk jobs, which never retries a send itself: a job finds out from the target which records of a
 * failed batch landed and sends the rest again, and kafkajs's own retries only hurt there. A request to a leader that
 * stopped answering times out and is retried against the same broker (kafkajs refreshes its metadata only after
 * some errors), so the job stalls for each retry's request timeout; and a retry after a partition's leader moved to
 * a broker that had already answered for its own partitions sends nothing for that partition. Without retries
 * the idempotent producer's sequence numbers protect nothing (kafkajs refuses it anyway): a failed send's sequence
 * is reused by the next batch, which a broker holding the failed one may take for a duplicate and drop.
 */
export function batchProducerFor(cluster: ClusterConfig): Promise<Producer> {
  return connectedProducer(cluster, "batchProducer", { idempotent: false, retry: { retries: 0 } });
}

function connectedProducer(cluster: ClusterConfig, slot: "producer" | "batchProducer", options: Pick<ProducerConfig, "idempotent" | "retry">): Promise<Producer> {
  const clients = clientsFor(cluster);
  let connected = clients[slot];
  if (!connected) {
    // The default (Java-compatible murmur2) partitioner, named so bulk jobs can place records the same way themselves.
    const producer = clients.kafka.producer({ ...options, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    connected = clients[slot] = producer.connect().then(
      () => producer,
      (error: unknown) => {
        clients[slot] = undefined;
        throw error;
      },
    );
  }
  return connected;
}

const READ_UNCOMMITTED = 0;

export function offsetClusterFor(cluster: ClusterConfig): Promise<OffsetCluster> {
  const clients = clientsFor(cluster);
  if (!clients.offsets) {
    const kafka = clients.kafka as unknown as Record<symbol, unknown>;
    const createCluster = Object.getOwnPropertySymbols(kafka).find((s) => s.description === "private:Kafka:createCluster");
    if (!createCluster) throw new Error("this kafkajs version does not expose its cluster factory; pin kafkajs 2.2.x");
    // READ_UNCOMMITTED asks for the high watermark, which is what consumer lag is measured against.
    const offsetCluster = (kafka[createCluster] as (options: object) => OffsetCluster)({
      metadataMaxAge: 60_000,
      allowAutoTopicCreation: false,
      isolationLevel: READ_UNCOMMITTED,
    });
    clients.offsets = offsetCluster.connect().then(
      () => offsetCluster,
      (error: unknown) => {
        clients.offsets = undefined;
        throw error;
      },
    );
  }
  return clients.offsets;
}

/** Disconnects and forgets a cluster's clients; the next call builds fresh ones. */
export async function resetClients(clusterId: string): Promise<void> {
  const clients = cache.get(clusterId);
  cache.delete(clusterId);
  const admin = await clients?.admin?.catch(() => undefined);
  await admin?.disconnect().catch(() => undefined);
  const offsets = await clients?.offsets?.catch(() => undefined);
  await offsets?.disconnect().catch(() => undefined);
  for (const slot of ["producer", "batchProducer"] as const) {
    const producer = await clients?.[slot]?.catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
  }
}

/**
 * How long a live read for a page may wait. kafkajs notices a broker that keeps its connection open but answers
 * nothing (stopped, or behind a link that drops packets) only when each of its retries times out, most of a minute;
 * a page should say Kafka is unavailable well before that.
 */
export const LIVE_READ_DEADLINE_MS = 8_000;

class KafkaDeadlineError extends Error {
  constructor(ms: number) {
    super(`Kafka did not answer within ${ms / 1000} s`);
    this.name = "KafkaDeadlineError";
  }
}

function withDeadline<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new KafkaDeadlineError(ms)), ms)));
  return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
}

const connectivityErrors = new Set([
  "KafkaDeadlineError",
  "KafkaJSConnectionError",
  "KafkaJSConnectionClosedError",
  "KafkaJSRequestTimeoutError",
  "KafkaJSBrokerNotFound",
  "KafkaJSNumberOfRetriesExceeded",
  "KafkaJSMetadataNotLoaded",
  "KafkaJSLockTimeout",
]);

/** Kafka did not answer (as opposed to answering no). */
export function isConnectivityError(error: unknown): boolean {
  // kafkajs throws a plain Error for a call on a broker whose connection it has just lost.
  return errorChain(error).some((e) => connectivityErrors.has(e.name) || e.message === "Broker not connected");
}

/**
 * A kafkajs client keeps every topic it has touched in its metadata requests; once one of them is deleted, every
 * later call of that client fails with UNKNOWN_TOPIC_OR_PARTITION, whatever topic it is for.
 */
function isStaleTopicError(error: unknown): boolean {
  return errorChain(error).some((e) => e.type === "UNKNOWN_TOPIC_OR_PARTITION");
}

/**
 * Runs a Kafka call and turns kafkajs failures into API errors: unreachable → 503 (and a reconnect next time),
 * anything else Kafka said → 502 with Kafka's message. A client that knew a topic since deleted is dropped too, so
 * the next call starts with one that does not. With `deadlineMs`, a call that has not answered by then counts as
 * Kafka unreachable (for reads only: a send cut short that way might still land).
 */
export async function withKafka<T>(
  cluster: ClusterConfig,
  call: () => Promise<T>,
  options: { retryOnStaleTopic?: boolean; deadlineMs?: number } = {},
): Promise<T> {
  try {
    return await (options.deadlineMs ? withDeadline(call(), options.deadlineMs) : call());
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // Before the connectivity check: kafkajs wraps it in the same "retries exceeded" error as an unreachable broker.
    if (isStaleTopicError(error)) {
      await resetClients(cluster.id);
      if (options.retryOnStaleTopic) return withKafka(cluster, call);
    } else if (isConnectivityError(error)) {
      await resetClients(cluster.id);
      // The cause says which broker it was waiting for (see describeKafkaWait).
      throw new ApiError("kafka_unavailable", `Kafka at ${cluster.brokers.join(",")} is not reachable`, { cause: error });
    }
    throw new ApiError("kafka_error", `Kafka at ${cluster.brokers.join(",")} answered: ${(error as Error).message}`, { cause: error });
  }
}
