// The wiring of one cluster's indexer: lib/kafka's DLQ source for the cluster and lib/store's functions on the store,
// handed to the use case through its ports. The one module of indexing that imports the adapters.
import type { ClusterConfig } from "@/lib/config/clusters";
import type { CustomHeaderMapping } from "@/lib/dlq/parse-failure";
import { kafkaDlqSource } from "@/lib/kafka/dlq-source";
import { storeDlqRows } from "@/lib/store/dlq-messages";
import { SearchIndexer } from "@/lib/store/dlq-search";
import type { Store } from "@/lib/store/open-store";
import { lastStoredOffsets } from "@/lib/store/recreated-topic";
import { DlqIndexer } from "./dlq-indexer";
import type { DlqSource, IndexStore } from "./ports";

export interface ClusterIndexerOptions {
  cluster: ClusterConfig;
  store: Store;
  /** The consumer group (default "redrive-indexer"; the server passes indexerGroupId's). */
  groupId?: string;
  /** How often to look for DLQ topics created or deleted (30 s). */
  discoveryIntervalMs?: number;
  customMappings?: readonly CustomHeaderMapping[];
  /** How long a held-back partition of a recreated DLQ topic rests between reads (30 s). */
  recreatedRetryMs?: number;
}

/** The store's side of indexing, on `store`. */
export function indexStoreFor(store: Store): IndexStore {
  return {
    storeRows: (rows, storedUpTo) => storeDlqRows(store, rows, storedUpTo),
    lastStoredOffsets: (cluster, topic, partitions) => lastStoredOffsets(store, cluster, topic, partitions),
    searchIndexer: new SearchIndexer(store),
  };
}

/** An indexer for the cluster's DLQ topics into the store, not started yet: `start()` it, `stop()` it. */
export function clusterDlqIndexer({ cluster, store, ...options }: ClusterIndexerOptions): DlqIndexer {
  const source: DlqSource = kafkaDlqSource(cluster);
  return new DlqIndexer({ ...options, clusterId: cluster.id, source, store: indexStoreFor(store) });
}
