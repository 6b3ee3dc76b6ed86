// What the server does once at start: validate the environment, open (and migrate) the store.
import "server-only";
import { serverEnv } from "@/lib/env";
import { InvalidEnvironmentError } from "@/lib/env-schema";
import { log } from "@/lib/log";
import { getStore } from "@/lib/store/store";

export async function startServer(): Promise<void> {
  try {
    const env = serverEnv();
    const store = await getStore();
    log.info({ brokers: env.KAFKA_BROKERS, store: store.kind }, "Redrive started");
  } catch (error) {
    const message = error instanceof InvalidEnvironmentError || (error instanceof Error && error.name === "StoreLockedError")
      ? error.message
      : `Redrive could not start: ${error instanceof Error ? error.message : String(error)}`;
    console.error(message);
    process.exit(1);
  }
}
