// Runs one DLQ indexer per configured cluster inside the server (REDRIVE_INDEXER=false turns it off), kept on
// globalThis so a dev hot reload does not start a second one.
import "server-only";
import { listClusters } from "@/lib/config/clusters";
import { serverEnv } from "@/lib/env";
import type { Store } from "@/lib/store/open-store";
import { storeId } from "@/lib/store/store-meta";
import { clusterDlqIndexer } from "./cluster-indexer";
import type { DlqIndexer } from "./dlq-indexer";
import type { IndexerStatus } from "./indexer-status";

const holder = globalThis as { __redriveIndexers?: DlqIndexer[] };

/**
 * The indexer's consumer group. It belongs to the store: instances sharing one PostgreSQL split the partitions
 * between them, while a console with a store of its own (a fresh PGlite, another database) reads every DLQ from the start.
 */
export async function indexerGroupId(store: Store): Promise<string> {
  return serverEnv().REDRIVE_INDEXER_GROUP ?? `redrive-indexer-${await storeId(store)}`;
}

export async function startDlqIndexers(store: Store): Promise<void> {
  if (holder.__redriveIndexers) return;
  const env = serverEnv();
  const discoveryIntervalMs = env.REDRIVE_INDEXER_DISCOVERY_SECONDS * 1000;
  const groupId = await indexerGroupId(store);
  holder.__redriveIndexers = listClusters().map((cluster) => clusterDlqIndexer({ cluster, store, discoveryIntervalMs, groupId, customMappings: env.REDRIVE_HEADER_MAPPINGS }));
  await Promise.all(holder.__redriveIndexers.map((indexer) => indexer.start()));
}

/** What the cluster's indexer is doing, or `{state: "off"}` when this server runs none (REDRIVE_INDEXER=false). */
export function indexerStatus(clusterId: string): IndexerStatus | { state: "off" } {
  const indexer = holder.__redriveIndexers?.find((i) => i.clusterId === clusterId);
  return indexer ? indexer.status() : { state: "off" };
}
