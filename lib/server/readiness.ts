// Readiness: can this instance reach its store and its first cluster's Kafka right now? The first cluster (`default`
// without REDRIVE_CONFIG) is the one the console cannot do without; with a clusters file every cluster is checked at
// once and listed, but another cluster that does not answer leaves the instance ready: its pages say so themselves.
import "server-only";
import type { Readiness } from "@/lib/contract/schemas";
import { listClusters, type ClusterConfig } from "@/lib/config/clusters";
import { serverEnv } from "@/lib/env";
import { rememberBrokers } from "@/lib/kafka/broker-reads";
import { adminFor, withKafka } from "@/lib/kafka/clients";
import { getStore } from "@/lib/store/store";

const CHECK_TIMEOUT_MS = 5_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within 5 s`)), CHECK_TIMEOUT_MS).unref()),
  ]);
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function checkKafka(cluster: ClusterConfig): Promise<Readiness["kafka"]> {
  try {
    await withTimeout(
      withKafka(cluster, async () => rememberBrokers(cluster.id, (await (await adminFor(cluster)).describeCluster()).brokers)),
      "Kafka",
    );
    return { ok: true, brokers: cluster.brokers };
  } catch (error) {
    return { ok: false, brokers: cluster.brokers, error: describe(error) };
  }
}

export async function checkReadiness(): Promise<Readiness> {
  const env = serverEnv();
  const clusters = listClusters();
  const storeKind = env.DATABASE_URL ? "postgres" : "pglite";
  const [kafka, store] = await Promise.all([
    Promise.all(clusters.map(checkKafka)),
    withTimeout(
      getStore().then((s) => s.ping()),
      "The store",
    ).then(
      () => true,
      () => false,
    ),
  ]);
  const first = kafka[0]!;
  const ready = first.ok && store;
  return {
    ok: ready,
    ready,
    kafka: first,
    ...(env.REDRIVE_CONFIG && { clusters: clusters.map((cluster, i) => ({ id: cluster.id, ...kafka[i]! })) }),
    store: { ok: store, kind: storeKind, ...(!store && { error: "The store is not reachable" }) },
  };
}
