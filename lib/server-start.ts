// What the server does once at start: validate the environment, open (and migrate) the store, and make sure
// someone can sign in — the first admin from REDRIVE_ADMIN_PASSWORD, or instructions for creating one.
import "server-only";
import { bootstrapFirstAdmin } from "@/lib/auth/bootstrap";
import { serverEnv } from "@/lib/env";
import { InvalidEnvironmentError } from "@/lib/env-schema";
import { log } from "@/lib/log";
import { installRequestAddresses } from "@/lib/net/request-address";
import { SETUP_INSTRUCTIONS } from "@/lib/setup-instructions";
import { startStatisticsUpkeep } from "@/lib/store/statistics";
import { getStore } from "@/lib/store/store";
import { startDlqIndexers } from "@/lib/indexing/dlq-indexing";
import { startJobRunner, startRedeliveryChecks } from "@/lib/job-running";
import { startMonitoring } from "@/lib/monitoring/monitoring-start";
import { startMetricsServing } from "@/lib/metrics/metrics-serving";

export async function startServer(): Promise<void> {
  try {
    const env = serverEnv();
    installRequestAddresses(env.REDRIVE_TRUSTED_PROXIES);
    const store = await getStore();
    const bootstrap = await bootstrapFirstAdmin(store, env.REDRIVE_ADMIN_PASSWORD);
    if (bootstrap === "admin-created") log.info("created the first admin user \"admin\" from REDRIVE_ADMIN_PASSWORD");
    if (bootstrap === "setup-required") console.warn(SETUP_INSTRUCTIONS);
    // Not awaited: the console serves while the indexer finds its topics (or waits for Kafka).
    if (env.REDRIVE_INDEXER) void startDlqIndexers(store);
    if (env.REDRIVE_JOBS) startJobRunner(store);
    startRedeliveryChecks(store);
    startStatisticsUpkeep(store, (error) => log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not refresh store statistics"));
    startMonitoring(store);
    await startMetricsServing(store);
    log.info({ brokers: env.KAFKA_BROKERS, store: store.kind, indexer: env.REDRIVE_INDEXER, jobs: env.REDRIVE_JOBS }, "Redrive started");
  } catch (error) {
    const message = error instanceof InvalidEnvironmentError || (error instanceof Error && error.name === "StoreLockedError")
      ? error.message
      : `Redrive could not start: ${error instanceof Error ? error.message : String(error)}`;
    console.error(message);
    process.exit(1);
  }
}
