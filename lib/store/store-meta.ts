// Values made once per store and kept in store_meta: the first writer wins, every later reader sees its value,
// also when several instances start at once against one PostgreSQL.
import { eq } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import type { Store } from "./open-store";
import { storeMeta } from "./schema";

export async function storedValue(store: Store, key: string, make: () => string): Promise<string> {
  await store.db.insert(storeMeta).values({ key, value: make() }).onConflictDoNothing();
  const [row] = await store.db.select().from(storeMeta).where(eq(storeMeta.key, key));
  return row!.value;
}

/** This store's identity: stable for its life, different for every other store. */
export const storeId = (store: Store) => storedValue(store, "store_id", () => randomBytes(6).toString("hex"));
