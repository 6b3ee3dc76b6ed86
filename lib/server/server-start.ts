// What the server does once at start: validate the environment and the cluster configuration, open (and migrate) the
// store, make sure someone can sign in — the first admin from REDRIVE_ADMIN_PASSWORD, or instructions for creating
// one — and start each cluster's pieces, following REDRIVE_CONFIG as it changes.
import "server-only";
import { bootstrapFirstAdmin } from "@/lib/auth/bootstrap";
import { InvalidClusterConfigError } from "@/lib/config/cluster-file";
import { listClusters } from "@/lib/config/clusters";
import { serverEnv } from "@/lib/env";
import { InvalidEnvironmentError } from "@/lib/env-schema";
import { log } from "@/lib/log";
import { installRequestAddresses } from "@/lib/net/request-address";
import { SETUP_INSTRUCTIONS } from "@/lib/setup-instructions";
import { startStatisticsUpkeep } from "@/lib/store/statistics";
import { startAlerts } from "@/lib/monitoring/monitoring-start";
import { startMetricsServing } from "@/lib/metrics/metrics-serving";
import { runClusters } from "./cluster-lifecycle";
import { watchClusterConfig } from "./config-watch";
import { serverContext } from "./context";
import { startRedeliveryChecks } from "./job-running";

export async function startServer(): Promise<void> {
  try {
    const env = serverEnv();
    // Before the store: a bad clusters file stops the server with its path and field.
    const clusters = listClusters();
    installRequestAddresses(env.REDRIVE_TRUSTED_PROXIES);
    const server = await serverContext();
    const { store } = server;
    const bootstrap = await bootstrapFirstAdmin(store, env.REDRIVE_ADMIN_PASSWORD);
    if (bootstrap === "admin-created") log.info('created the first admin user "admin" from REDRIVE_ADMIN_PASSWORD');
    if (bootstrap === "setup-required") console.warn(SETUP_INSTRUCTIONS);
    // The indexers are not awaited: the console serves while they find their topics (or wait for Kafka).
    runClusters(server);
    watchClusterConfig(env.REDRIVE_CONFIG);
    startRedeliveryChecks(store);
    startStatisticsUpkeep(store, (error) =>
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not refresh store statistics"),
    );
    startAlerts(store);
    await startMetricsServing(store);
    const running = clusters.map(({ id, brokers, settings }) => ({ id, brokers, ...settings.runs }));
    log.info({ clusters: running, store: store.kind, config: env.REDRIVE_CONFIG ?? null }, "Redrive started");
  } catch (error) {
    const message =
      error instanceof InvalidEnvironmentError ||
      error instanceof InvalidClusterConfigError ||
      (error instanceof Error && (error.name === "StoreLockedError" || error.name === "StoreTooNewError"))
        ? error.message
        : `Redrive could not start: ${error instanceof Error ? error.message : String(error)}`;
    console.error(message);
    process.exit(1);
  }
}
