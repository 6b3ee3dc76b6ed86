// The server's one store, opened on first use from the environment and kept on globalThis across hot reloads.
import "server-only";
import { serverEnv } from "@/lib/env";
import { openStore, type Store } from "./open-store";

const holder = globalThis as { __redriveStore?: Promise<Store> };

export function getStore(): Promise<Store> {
  if (!holder.__redriveStore) {
    const env = serverEnv();
    const options = { databaseUrl: env.DATABASE_URL, dataDir: env.REDRIVE_DATA_DIR, statementTimeoutMs: env.REDRIVE_STATEMENT_TIMEOUT_MS };
    holder.__redriveStore = openStore(options).catch((error: unknown) => {
      holder.__redriveStore = undefined;
      throw error;
    });
  }
  return holder.__redriveStore;
}

/** Closes the server's store (a server shutting down): PGlite writes its files and lets go of its lock, the pool ends. */
export async function closeStore(): Promise<void> {
  const store = holder.__redriveStore;
  holder.__redriveStore = undefined;
  await (await store?.catch(() => undefined))?.close();
}
