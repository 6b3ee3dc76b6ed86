// Runs one DLQ indexer per cluster whose indexer this instance runs (REDRIVE_INDEXER=false or a cluster's
// `indexer: false` turns it off), kept on globalThis so a dev hot reload does not start a second one. startIndexer and
// stopIndexer are the one place that builds an indexer: the cluster lifecycle calls nothing else of it.
import "server-only";
import { serverEnv } from "@/lib/env";
import { DlqIndexer } from "@/lib/kafka/dlq-indexer";
import type { IndexerStatus } from "@/lib/kafka/indexer-status";
import type { Store } from "@/lib/store/open-store";
import { storeId } from "@/lib/store/store-meta";
import type { ClusterContext } from "./context";

const holder = globalThis as { __redriveIndexers?: Map<string, DlqIndexer> };
const indexers = (holder.__redriveIndexers ??= new Map());

/**
 * The indexer's consumer group. It belongs to the store: instances sharing one PostgreSQL split the partitions
 * between them, while a console with a store of its own (a fresh PGlite, another database) reads every DLQ from the start.
 */
export async function indexerGroupId(store: Store): Promise<string> {
  return serverEnv().REDRIVE_INDEXER_GROUP ?? `redrive-indexer-${await storeId(store)}`;
}

/** Starts the context's cluster's indexer with that cluster's DLQ pattern and header mappings; resolves once it runs. */
export async function startIndexer(ctx: ClusterContext): Promise<void> {
  const groupId = await indexerGroupId(ctx.store);
  if (indexers.has(ctx.cluster.id)) return;
  const discoveryIntervalMs = serverEnv().REDRIVE_INDEXER_DISCOVERY_SECONDS * 1000;
  const indexer = new DlqIndexer({ cluster: ctx.cluster, store: ctx.store, discoveryIntervalMs, groupId, customMappings: ctx.cluster.settings.headerMappings });
  indexers.set(ctx.cluster.id, indexer);
  await indexer.start();
}

/** Stops the cluster's indexer; what it stored stays. */
export async function stopIndexer(clusterId: string): Promise<void> {
  const indexer = indexers.get(clusterId);
  indexers.delete(clusterId);
  await indexer?.stop();
}

/** What the cluster's indexer is doing, or `{state: "off"}` when this server runs none for it. */
export function indexerStatus(clusterId: string): IndexerStatus | { state: "off" } {
  return indexers.get(clusterId)?.status() ?? { state: "off" };
}
