// Runs one DLQ indexer per cluster whose indexer this instance runs (REDRIVE_INDEXER=false or a cluster's
// `indexer: false` turns it off), kept on globalThis so a dev hot reload does not start a second one. startIndexer and
// stopIndexer are the one place that builds an indexer: the cluster lifecycle calls nothing else of it.
import "server-only";
import { serverEnv } from "@/lib/env";
import { clusterDlqIndexer } from "@/lib/indexing/cluster-indexer";
import type { DlqIndexer } from "@/lib/indexing/dlq-indexer";
import { indexerGroupId } from "@/lib/indexing/indexer-group";
import type { IndexerStatus } from "@/lib/indexing/indexer-status";
import type { ClusterContext } from "./context";

const holder = globalThis as { __redriveIndexers?: Map<string, DlqIndexer> };
const indexers = (holder.__redriveIndexers ??= new Map());

/** Starts the context's cluster's indexer with that cluster's DLQ pattern and header mappings; resolves once it runs. */
export async function startIndexer(ctx: ClusterContext): Promise<void> {
  const groupId = await indexerGroupId(ctx.store);
  if (indexers.has(ctx.cluster.id)) return;
  const discoveryIntervalMs = serverEnv().REDRIVE_INDEXER_DISCOVERY_SECONDS * 1000;
  const indexer = clusterDlqIndexer({
    cluster: ctx.cluster,
    store: ctx.store,
    discoveryIntervalMs,
    groupId,
    customMappings: ctx.cluster.settings.headerMappings,
  });
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
