// The clusters this console talks to. Only configuration from the server's environment reaches kafkajs:
// a request can name a cluster id, never a broker address (no SSRF through the API).
import "server-only";
import { readFileSync } from "node:fs";
import { serverEnv } from "@/lib/env";
import { RedriveError } from "@/lib/errors";

export interface ClusterConfig {
  id: string;
  name: string;
  brokers: string[];
  clientId: string;
  connectionTimeoutMs: number;
  ssl?: { ca?: string; cert?: string; key?: string; rejectUnauthorized: boolean };
  sasl?: { mechanism: "plain" | "scram-sha-256" | "scram-sha-512"; username: string; password: string };
  dlqPattern: RegExp;
}

export const DEFAULT_CLUSTER_ID = "default";

function defaultCluster(): ClusterConfig {
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
  };
}

let clusters: ClusterConfig[] | undefined;

export function listClusters(): ClusterConfig[] {
  clusters ??= [defaultCluster()];
  return clusters;
}

export function getCluster(id: string): ClusterConfig {
  const cluster = listClusters().find((c) => c.id === id);
  if (!cluster) throw new RedriveError("not_found", `Cluster "${id}" is not configured`);
  return cluster;
}
