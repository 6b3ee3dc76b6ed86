// Shared by the indexer's integration tests: a cluster of one DLQ pattern on the local broker, waiting for a
// condition, and a DLQ's stored rows in offset order.
import { and, eq } from "drizzle-orm";
import type { ClusterConfig } from "@/lib/config/clusters";
import { dlqMessage } from "@/lib/store/dlq-schema";
import type { Store } from "@/lib/store/open-store";

export const testCluster = (prefix: string, dlqPattern: RegExp): ClusterConfig => ({
  id: prefix,
  name: prefix,
  brokers: ["127.0.0.1:9092"],
  clientId: "redrive-indexer-test",
  connectionTimeoutMs: 3_000,
  dlqPattern,
});

/** Reads until `done` holds (every 250 ms, for up to a minute, or `tries` times) and answers what it read last. */
export async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, what: string, tries = 240): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const rowsOf = (store: Store, cluster: string, topic: string) =>
  store.db
    .select()
    .from(dlqMessage)
    .where(and(eq(dlqMessage.cluster, cluster), eq(dlqMessage.topic, topic)))
    .orderBy(dlqMessage.offset);
