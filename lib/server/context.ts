// One server context per cluster: its configuration and settings, its Kafka ports and the store, built once and
// handed to route handlers, the job runners, the indexers, the lag samplers, alerts and the CLI, so none of them wires
// adapters or reads the environment itself. A reload that changes or removes a cluster drops its context and its
// cached Kafka clients; the next call builds them afresh from the new settings.
import "server-only";
import { getCluster, listClusters, onClustersChanged, type ConfiguredCluster } from "@/lib/config/clusters";
import { resetClients } from "@/lib/kafka/clients";
import { jobKafkaFor } from "@/lib/kafka/job-kafka";
import { assertTopicExists, produceRedelivery, type Produced } from "@/lib/kafka/redeliver";
import { topicNames } from "@/lib/kafka/redelivery-batch";
import type { RedeliveryMessage } from "@/lib/dlq/redelivery";
import type { Store } from "@/lib/store/open-store";
import { getStore } from "@/lib/store/store";
import type { JobKafka } from "@/lib/triage/job-batch";

/** A cluster's Kafka, as the use cases see it. */
export interface ClusterKafka {
  /** Single redeliveries: the target must exist (a produce would create it), then one record on the idempotent producer. */
  assertTopicExists(topic: string): Promise<void>;
  produce(topic: string, message: RedeliveryMessage): Promise<Produced>;
  /** The cluster's topic names, read now. */
  topicNames(): Promise<Set<string>>;
  /** Bulk jobs and the reconciliation of redeliveries whose outcome is unknown. */
  jobs: JobKafka;
}

export interface ClusterContext {
  cluster: ConfiguredCluster;
  kafka: ClusterKafka;
  store: Store;
}

/** Every cluster's context over one store. */
export interface ServerContext {
  store: Store;
  clusters(): ClusterContext[];
  /** A RedriveError("not_found") for a cluster that is not configured. */
  cluster(id: string): ClusterContext;
}

/** Builds a cluster's context over `store`: the CLI uses this with the store it opened itself. */
export function buildClusterContext(cluster: ConfiguredCluster, store: Store): ClusterContext {
  return {
    cluster,
    store,
    kafka: {
      assertTopicExists: (topic) => assertTopicExists(cluster, topic),
      produce: (topic, message) => produceRedelivery(cluster, topic, message),
      topicNames: () => topicNames(cluster),
      jobs: jobKafkaFor(cluster),
    },
  };
}

const holder = globalThis as { __redriveContexts?: Map<string, ClusterContext>; __redriveContextsWatch?: boolean };
const contexts = (holder.__redriveContexts ??= new Map());

if (!holder.__redriveContextsWatch) {
  holder.__redriveContextsWatch = true;
  onClustersChanged(({ removed, changed }) => {
    for (const { id } of [...removed, ...changed]) {
      contexts.delete(id);
      void resetClients(id);
    }
  });
}

function contextOf(cluster: ConfiguredCluster, store: Store): ClusterContext {
  let context = contexts.get(cluster.id);
  if (!context || context.store !== store) contexts.set(cluster.id, (context = buildClusterContext(cluster, store)));
  return context;
}

/** The server's contexts over its store (opened, and migrated, on first use). */
export async function serverContext(): Promise<ServerContext> {
  const store = await getStore();
  return {
    store,
    clusters: () => listClusters().map((cluster) => contextOf(cluster, store)),
    cluster: (id) => contextOf(getCluster(id), store),
  };
}

/** The context of the cluster with this id; a RedriveError("not_found") when none is configured. */
export async function clusterContext(id: string): Promise<ClusterContext> {
  const cluster = getCluster(id);
  return contextOf(cluster, await getStore());
}
