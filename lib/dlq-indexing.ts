// Runs one DLQ indexer per configured cluster inside the server (REDRIVE_INDEXER=false turns it off), kept on
// globalThis so a dev hot reload does not start a second one.
import "server-only";
import { listClusters } from "@/lib/config/clusters";
import { DlqIndexer } from "@/lib/kafka/dlq-indexer";
import type { Store } from "@/lib/store/open-store";

const holder = globalThis as { __redriveIndexers?: DlqIndexer[] };

export async function startDlqIndexers(store: Store): Promise<void> {
  if (holder.__redriveIndexers) return;
  holder.__redriveIndexers = listClusters().map((cluster) => new DlqIndexer({ cluster, store }));
  await Promise.all(holder.__redriveIndexers.map((indexer) => indexer.start()));
}
