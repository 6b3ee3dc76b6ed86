// The indexer's consumer group, which every instance on one store must agree on (the server's lifecycle starts the
// indexers; the metrics read the group's lag).
import "server-only";
import { serverEnv } from "@/lib/env";
import type { Store } from "@/lib/store/open-store";
import { storeId } from "@/lib/store/store-meta";

/**
 * The indexer's consumer group. It belongs to the store: instances sharing one PostgreSQL split the partitions
 * between them, while a console with a store of its own (a fresh PGlite, another database) reads every DLQ from the start.
 */
export async function indexerGroupId(store: Store): Promise<string> {
  return serverEnv().REDRIVE_INDEXER_GROUP ?? `redrive-indexer-${await storeId(store)}`;
}
