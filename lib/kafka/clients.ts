// kafkajs clients, one set per cluster, created lazily and kept on globalThis so dev hot reloads do not leak
// connections. A connectivity failure drops the cached clients, so the next call reconnects from scratch:
// that is what lets the console recover from a broker restart without restarting the server.
import "server-only";
import { Kafka, logLevel, Partitioners, type Admin, type LogEntry, type Producer, type SASLOptions } from "kafkajs";
import { ApiError } from "@/lib/api/errors";
import { errorChain } from "@/lib/error-chain";
import type { ClusterConfig } from "@/lib/config/clusters";
import { log } from "@/lib/log";

interface ClusterClients {
  kafka: Kafka;
  admin?: Promise<Admin>;
  offsets?: Promise<OffsetCluster>;
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

/** The producer could not connect: nothing was sent. */
export class ProducerUnavailableError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "ProducerUnavailableError";
  }
}

/**
 * A cluster's idempotent producer (acks=-1 is set per send), used by one send at a time and replaced after a send
 * that failed. kafkajs hands a partition's sequence number back when a produce request fails, even one that timed out
 * after the broker wrote it: the next send then carries that written record's sequence, and the broker takes it for
 * a retry of it and drops it, answering with the earlier record's offset (a redelivery recorded as written that never
 * was). Two sends at once race for sequence numbers with each other's retries the same way (a record written twice).
 * So sends take turns, and a failed one retires the producer: the next send starts a new one, with a new producer id.
 */
class ProducerSlot {
  private producer?: Promise<Producer>;
  private turn: Promise<unknown> = Promise.resolve();
  private retireBeforeNext = false;

  constructor(private readonly cluster: ClusterConfig) {}

  send<T>(work: (producer: Producer) => Promise<T>): Promise<T> {
    const run = this.turn.then(() => this.sendNow(work));
    this.turn = run.catch(() => undefined);
    return run;
  }

  /** The producer is replaced before the next send, never under a send in progress. */
  retireSoon(): void {
    this.retireBeforeNext = true;
  }

  private async sendNow<T>(work: (producer: Producer) => Promise<T>): Promise<T> {
    if (this.retireBeforeNext) await this.retire();
    let producer: Producer;
    try {
      producer = await (this.producer ??= this.connect());
    } catch (error) {
      this.producer = undefined;
      throw new ProducerUnavailableError(error);
    }
    try {
      return await work(producer);
    } catch (error) {
      await this.retire();
      throw error;
    }
  }

  private async connect(): Promise<Producer> {
    // The default (Java-compatible murmur2) partitioner, named so bulk jobs can place records the same way themselves.
    const producer = kafkaFor(this.cluster).producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    return producer;
  }

  private async retire(): Promise<void> {
    this.retireBeforeNext = false;
    const producer = await this.producer?.catch(() => undefined);
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}

const producers = ((globalThis as { __redriveProducers?: Map<string, ProducerSlot> }).__redriveProducers ??= new Map());

/**
 * Runs `work` with the cluster's producer once no other send is using it. Fails with a ProducerUnavailableError
 * when the producer could not connect (nothing was sent); any other failure of `work` replaces the producer.
 */
export function withProducer<T>(cluster: ClusterConfig, work: (producer: Producer) => Promise<T>): Promise<T> {
  let slot = producers.get(cluster.id);
  if (!slot) producers.set(cluster.id, (slot = new ProducerSlot(cluster)));
  return slot.send(work);
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

/**
 * Other calls may still be using a dropped admin or offsets client: kafkajs fails them with a TypeError when it is
 * disconnected under them (its metadata gone), which says nothing about Kafka. They finish or time out (the request
 * timeout, retried twice) well within this, and only then is the dropped client disconnected.
 */
const DROPPED_CLIENT_GRACE_MS = 60_000;

/** Forgets a cluster's clients, so the next call builds fresh ones; the old ones are disconnected once no call can be using them. */
export async function resetClients(clusterId: string): Promise<void> {
  const clients = cache.get(clusterId);
  cache.delete(clusterId);
  // Other requests may be sending with it: it is replaced before the next send instead.
  producers.get(clusterId)?.retireSoon();
  if (clients) setTimeout(() => void disconnectClients(clients), DROPPED_CLIENT_GRACE_MS).unref();
}

async function disconnectClients(clients: ClusterClients): Promise<void> {
  const admin = await clients.admin?.catch(() => undefined);
  await admin?.disconnect().catch(() => undefined);
  const offsets = await clients.offsets?.catch(() => undefined);
  await offsets?.disconnect().catch(() => undefined);
}

const connectivityErrors = new Set([
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
  return errorChain(error).some((e) => connectivityErrors.has(e.name));
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
 * the next call starts with one that does not.
 */
export async function withKafka<T>(cluster: ClusterConfig, call: () => Promise<T>, options: { retryOnStaleTopic?: boolean } = {}): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // Before the connectivity check: kafkajs wraps it in the same "retries exceeded" error as an unreachable broker.
    if (isStaleTopicError(error)) {
      await resetClients(cluster.id);
      if (options.retryOnStaleTopic) return withKafka(cluster, call);
    } else if (isConnectivityError(error)) {
      await resetClients(cluster.id);
      throw new ApiError("kafka_unavailable", `Kafka at ${cluster.brokers.join(",")} is not reachable`);
    }
    throw new ApiError("kafka_error", `Kafka at ${cluster.brokers.join(",")} answered: ${(error as Error).message}`, { cause: error });
  }
}
