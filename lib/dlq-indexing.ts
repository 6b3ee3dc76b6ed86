// Runs one DLQ indexer per configured cluster inside the server (REDRIVE_INDEXER=false turns it off), kept on
// globalThis so a dev hot reload does not start a second one.
import "server-only";
import { listClusters } from "@/lib/config/clusters";
import { serverEnv } from "@/lib/env";
import { DlqIndexer } from "@/lib/kafka/dlq-indexer";
import type { Store } from "@/lib/store/open-store";

const holder = globalThis as { __redriveIndexers?: DlqIndexer[] };

export async function startDlqIndexers(store: Store): Promise<void> {
  if (holder.__redriveIndexers) return;
  const discoveryIntervalMs = serverEnv().REDRIVE_INDEXER_DISCOVERY_SECONDS * 1000;
  holder.__redriveIndexers = listClusters().map((cluster) => new DlqIndexer({ cluster, store, discoveryIntervalMs }));
  await Promise.all(holder.__redriveIndexers.map((indexer) => indexer.start()));
}
