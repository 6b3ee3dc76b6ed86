// kafkajs clients, one set per cluster, created lazily and kept on globalThis so dev hot reloads do not leak
// connections. A connectivity failure drops the cached clients, so the next call reconnects from scratch:
// that is what lets the console recover from a broker restart without restarting the server.
import "server-only";
import { Kafka, logLevel, Partitioners, type Admin, type LogEntry, type Producer, type ProducerConfig, type SASLOptions } from "kafkajs";
import type { ClusterConfig } from "@/lib/config/clusters";
import { errorChain } from "@/lib/error-chain";
import { RedriveError } from "@/lib/errors";
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
 * A cluster's producer of one kind (acks=-1 is set per send), used by one send at a time and replaced after a send
 * that failed. For single redeliveries it is idempotent: kafkajs retries a send within it. kafkajs hands a partition's sequence number back when a produce request fails, even one that timed out
 * after the broker wrote it: the next send then carries that written record's sequence, and the broker takes it for
 * a retry of it and drops it, answering with the earlier record's offset (a redelivery recorded as written that never
 * was). Two sends at once race for sequence numbers with each other's retries the same way (a record written twice).
 * So sends take turns, and a failed one retires the producer: the next send starts a new one, with a new producer id.
 */
class ProducerSlot {
  private producer?: Promise<Producer>;
  private turn: Promise<unknown> = Promise.resolve();
  private retireBeforeNext = false;

  constructor(
    private readonly cluster: ClusterConfig,
    private readonly config: Pick<ProducerConfig, "idempotent" | "retry">,
  ) {}

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
    const producer = kafkaFor(this.cluster).producer({
      ...this.config,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
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

/**
 * `single`: the idempotent producer of single redeliveries, which retries a failed request itself.
 * `batch`: the producer of bulk jobs, which never retries a send: a job finds out from the target which records of a
 * failed batch landed and sends the rest again, and kafkajs's own retries only hurt there. A request to a leader that
 * stopped answering times out and is retried against the same broker (kafkajs refreshes its metadata only after some
 * errors), so a job stalled for each retry's request timeout, longer than a 30 s stop of that broker; and a retry after
 * a partition's leader moved to a broker that had already answered for its own partitions sent nothing for that
 * partition. kafkajs refuses an idempotent producer without retries, so this one is not idempotent: a job's exactly
 * once rests on its reconciliation by x-redrive-id, which the fault suite proves.
 */
export type ProducerKind = "single" | "batch";

const producerConfigs: Record<ProducerKind, Pick<ProducerConfig, "idempotent" | "retry">> = {
  single: { idempotent: true },
  batch: { idempotent: false, retry: { retries: 0 } },
};

const producers = ((globalThis as { __redriveProducers?: Map<string, ProducerSlot> }).__redriveProducers ??= new Map());

/**
 * Runs `work` with the cluster's producer of `kind` once no other send is using it. Fails with a
 * ProducerUnavailableError when the producer could not connect (nothing was sent); any other failure of `work`
 * replaces the producer.
 */
export function withProducer<T>(
  cluster: ClusterConfig,
  work: (producer: Producer) => Promise<T>,
  kind: ProducerKind = "single",
): Promise<T> {
  const key = `${cluster.id}\u0000${kind}`;
  let slot = producers.get(key);
  if (!slot) producers.set(key, (slot = new ProducerSlot(cluster, producerConfigs[kind])));
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
  for (const kind of Object.keys(producerConfigs) as ProducerKind[]) producers.get(`${clusterId}\u0000${kind}`)?.retireSoon();
  if (clients) setTimeout(() => void disconnectClients(clients), DROPPED_CLIENT_GRACE_MS).unref();
}

async function disconnectClients(clients: ClusterClients): Promise<void> {
  const admin = await clients.admin?.catch(() => undefined);
  await admin?.disconnect().catch(() => undefined);
  const offsets = await clients.offsets?.catch(() => undefined);
  await offsets?.disconnect().catch(() => undefined);
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
 * Runs a Kafka call and turns kafkajs failures into RedriveErrors: unreachable → kafka_unavailable (and a reconnect
 * next time), anything else Kafka said → kafka_error with Kafka's message. A client that knew a topic since deleted is dropped too, so
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
    if (error instanceof RedriveError) throw error;
    // Before the connectivity check: kafkajs wraps it in the same "retries exceeded" error as an unreachable broker.
    if (isStaleTopicError(error)) {
      await resetClients(cluster.id);
      if (options.retryOnStaleTopic) return withKafka(cluster, call);
    } else if (isConnectivityError(error)) {
      await resetClients(cluster.id);
      // The cause says which broker it was waiting for (see describeKafkaWait).
      throw new RedriveError("kafka_unavailable", `Kafka at ${cluster.brokers.join(",")} is not reachable`, { cause: error });
    }
    throw new RedriveError("kafka_error", `Kafka at ${cluster.brokers.join(",")} answered: ${(error as Error).message}`, { cause: error });
  }
}
