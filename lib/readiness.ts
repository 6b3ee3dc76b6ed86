// Readiness: can this instance reach its Kafka cluster and its store right now?
import "server-only";
import { DEFAULT_CLUSTER_ID, getCluster } from "@/lib/config/clusters";
import type { Readiness } from "@/lib/contract/schemas";
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

export async function checkReadiness(): Promise<Readiness> {
  const cluster = getCluster(DEFAULT_CLUSTER_ID);
  const storeKind = serverEnv().DATABASE_URL ? "postgres" : "pglite";
  const [kafka, store] = await Promise.allSettled([
    withTimeout(
      withKafka(cluster, async () => rememberBrokers(cluster.id, (await (await adminFor(cluster)).describeCluster()).brokers)),
      "Kafka",
    ),
    withTimeout(getStore().then((s) => s.ping()), "The store"),
  ]);
  const ready = kafka.status === "fulfilled" && store.status === "fulfilled";
  return {
    ok: ready,
    ready,
    kafka: { ok: kafka.status === "fulfilled", brokers: cluster.brokers, ...(kafka.status === "rejected" && { error: describe(kafka.reason) }) },
    store: { ok: store.status === "fulfilled", kind: storeKind, ...(store.status === "rejected" && { error: "The store is not reachable" }) },
  };
}
