// Starts and stops each cluster's pieces (indexer, job runner, lag sampling) as its settings switch them on, and
// follows the configuration: a cluster added starts its pieces, one removed stops them (its stored records stay), one
// changed restarts them with its new settings. Each cluster's pieces run on their own: none waits for another's Kafka.
import "server-only";
import { onClustersChanged, type ClustersChange } from "@/lib/config/clusters";
import { log } from "@/lib/log";
import { startLagSampling, stopLagSampling } from "@/lib/monitoring/monitoring-start";
import type { ClusterContext, ServerContext } from "./context";
import { startIndexer, stopIndexer } from "./indexer-running";
import { startJobRunner, stopJobRunner } from "./job-running";

const lifecycleLog = log.child({ component: "clusters" });
const holder = globalThis as { __redriveClusterLifecycle?: () => void };

/** Starts a cluster's pieces; the indexer is not awaited (it waits for its Kafka on its own). */
function startCluster(ctx: ClusterContext): void {
  const { runs } = ctx.cluster.settings;
  if (runs.jobs) startJobRunner(ctx);
  if (runs.lagSampling) startLagSampling(ctx.cluster, ctx.store);
  if (runs.indexer) {
    startIndexer(ctx).catch((error: unknown) =>
      lifecycleLog.warn(
        { cluster: ctx.cluster.id, err: error instanceof Error ? error.message : String(error) },
        "the indexer could not start",
      ),
    );
  }
}

async function stopCluster(clusterId: string): Promise<void> {
  stopLagSampling(clusterId);
  await Promise.all([stopIndexer(clusterId), stopJobRunner(clusterId)]);
}

async function applyChange(server: ServerContext, { added, removed, changed }: ClustersChange): Promise<void> {
  await Promise.all([...removed, ...changed].map((cluster) => stopCluster(cluster.id)));
  for (const cluster of [...changed, ...added]) startCluster(server.cluster(cluster.id));
  const ids = (clusters: { id: string }[]) => clusters.map((c) => c.id);
  lifecycleLog.info({ added: ids(added), removed: ids(removed), changed: ids(changed) }, "clusters reloaded");
}

/** Runs every configured cluster's pieces and follows reloads until stopClusters(). */
export function runClusters(server: ServerContext): void {
  if (holder.__redriveClusterLifecycle) return;
  for (const ctx of server.clusters()) startCluster(ctx);
  // One change at a time: a cluster changed twice in a row stops before it starts again.
  let applying = Promise.resolve();
  holder.__redriveClusterLifecycle = onClustersChanged((change) => {
    applying = applying
      .then(() => applyChange(server, change))
      .catch((error: unknown) => lifecycleLog.error({ err: error }, "could not apply the new cluster configuration"));
  });
}

/** Stops following reloads and stops every cluster's pieces. */
export async function stopClusters(server: ServerContext): Promise<void> {
  holder.__redriveClusterLifecycle?.();
  holder.__redriveClusterLifecycle = undefined;
  await Promise.all(server.clusters().map((ctx) => stopCluster(ctx.cluster.id)));
}
