// The clusters this console talks to. Only configuration from the server's environment reaches kafkajs:
// a request can name a cluster id, never a broker address (no SSRF through the API).
// REDRIVE_CONFIG names a file that lists them (see cluster-file.ts); without it the KAFKA_* variables describe one
// cluster, `default`. The file is read again on reloadClusters() (SIGHUP, or the file changing: see config-watch.ts);
// a bad new file is refused and the running clusters kept. Listeners of onClustersChanged start and stop their pieces.
import "server-only";
import { readFileSync } from "node:fs";
import { RedriveError } from "@/lib/errors";
import { serverEnv } from "@/lib/env";
import { clusterFingerprint, loadClusterFile, type ConfiguredCluster, type InstanceDefaults } from "./cluster-file";

export type { ClusterConfig, ClusterSettings, ConfiguredCluster } from "./cluster-file";

export const DEFAULT_CLUSTER_ID = "default";

function instanceDefaults(): InstanceDefaults {
  const env = serverEnv();
  return {
    clientId: env.KAFKA_CLIENT_ID,
    connectionTimeoutMs: env.KAFKA_CONNECTION_TIMEOUT_MS,
    runs: { indexer: env.REDRIVE_INDEXER, jobs: env.REDRIVE_JOBS, lagSampling: env.REDRIVE_LAG_SAMPLER },
  };
}

function defaultCluster(): ConfiguredCluster {
  const env = serverEnv();
  const readPem = (path?: string) => (path ? readFileSync(path, "utf8") : undefined);
  const tls = env.KAFKA_SSL || Boolean(env.KAFKA_SSL_CA_FILE);
  return {
    id: DEFAULT_CLUSTER_ID,
    name: env.KAFKA_BROKERS.join(","),
    brokers: env.KAFKA_BROKERS,
    clientId: env.KAFKA_CLIENT_ID,
    connectionTimeoutMs: env.KAFKA_CONNECTION_TIMEOUT_MS,
    ssl: tls
      ? {
          ca: readPem(env.KAFKA_SSL_CA_FILE),
          cert: readPem(env.KAFKA_SSL_CERT_FILE),
          key: readPem(env.KAFKA_SSL_KEY_FILE),
          rejectUnauthorized: env.KAFKA_SSL_REJECT_UNAUTHORIZED,
        }
      : undefined,
    sasl:
      env.KAFKA_SASL_MECHANISM && env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD
        ? { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD }
        : undefined,
    dlqPattern: env.REDRIVE_DLQ_PATTERN,
    settings: {
      headerMappings: env.REDRIVE_HEADER_MAPPINGS,
      keepFailureHeaders: env.REDRIVE_KEEP_FAILURE_HEADERS,
      redeliverTargets: env.REDRIVE_REDELIVER_TARGETS,
      runs: instanceDefaults().runs,
    },
  };
}

/** The clusters as configured now: from REDRIVE_CONFIG's file, or the one the environment describes. */
function readClusters(): ConfiguredCluster[] {
  const path = serverEnv().REDRIVE_CONFIG;
  return path ? loadClusterFile(path, process.env, instanceDefaults()) : [defaultCluster()];
}

export interface ClustersChange {
  added: ConfiguredCluster[];
  removed: ConfiguredCluster[];
  /** The new configuration of each cluster whose settings changed. */
  changed: ConfiguredCluster[];
}

type ClustersListener = (change: ClustersChange) => void;

// On globalThis: a dev hot reload must not lose the running config or its listeners.
const holder = globalThis as { __redriveClusters?: ConfiguredCluster[]; __redriveClusterListeners?: Set<ClustersListener> };
const listeners = (holder.__redriveClusterListeners ??= new Set());

export function listClusters(): ConfiguredCluster[] {
  holder.__redriveClusters ??= readClusters();
  return holder.__redriveClusters;
}

/** The cluster with this id; a RedriveError("not_found") when none is configured. */
export function getCluster(id: string): ConfiguredCluster {
  const cluster = listClusters().find((c) => c.id === id);
  if (!cluster) throw new RedriveError("not_found", `Cluster "${id}" is not configured`);
  return cluster;
}

/** Calls `listener` after each reload that changed the clusters; answers a function that stops calling it. */
export function onClustersChanged(listener: ClustersListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What changed from `before` to `after`, by id, a cluster counting as changed when any of its settings did. */
export function diffClusters(before: readonly ConfiguredCluster[], after: readonly ConfiguredCluster[]): ClustersChange {
  const old = new Map(before.map((c) => [c.id, c]));
  const now = new Set(after.map((c) => c.id));
  return {
    added: after.filter((c) => !old.has(c.id)),
    removed: before.filter((c) => !now.has(c.id)),
    changed: after.filter((c) => old.has(c.id) && clusterFingerprint(old.get(c.id)!) !== clusterFingerprint(c)),
  };
}

/**
 * Reads the configuration again and, when it changed, makes it the running one and tells the listeners. A bad file
 * throws its InvalidClusterConfigError and leaves the running clusters as they were.
 */
export function reloadClusters(): ClustersChange {
  const before = listClusters();
  const after = readClusters();
  const change = diffClusters(before, after);
  holder.__redriveClusters = after;
  if (change.added.length + change.removed.length + change.changed.length > 0) for (const listener of listeners) listener(change);
  return change;
}
