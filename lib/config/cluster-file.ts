// The clusters file named by REDRIVE_CONFIG (YAML, or JSON, which YAML reads as well): its schema, the `${ENV_VAR}`
// references resolved from the environment, and problems named by path and field, never by value (a value may be a
// secret). Kept free of `server-only` so unit tests and the CLI can use it.
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { z } from "zod";
import type { CustomHeaderMapping } from "@/lib/dlq/parse-failure";
import { DEFAULT_DLQ_PATTERN, headerMappingSchema, hostPort } from "@/lib/env-schema";

/** What kafkajs needs to reach one cluster. */
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

/** How Redrive treats one cluster's records, and which of its pieces this instance runs. */
export interface ClusterSettings {
  headerMappings: CustomHeaderMapping[];
  keepFailureHeaders: boolean;
  /** Redeliveries may go only to topics whose whole name matches (system topics are refused regardless). */
  redeliverTargets?: RegExp;
  /** The cluster's switches AND-ed with the instance's (REDRIVE_INDEXER, REDRIVE_JOBS, REDRIVE_LAG_SAMPLER). */
  runs: { indexer: boolean; jobs: boolean; lagSampling: boolean };
}

export type ConfiguredCluster = ClusterConfig & { settings: ClusterSettings };

/** What the file leaves to the instance: the client id's default, the connection timeout, the instance's switches. */
export interface InstanceDefaults {
  clientId: string;
  connectionTimeoutMs: number;
  runs: ClusterSettings["runs"];
}

export class InvalidClusterConfigError extends Error {
  constructor(path: string, field: string, problem: string) {
    super(`REDRIVE_CONFIG ${path}: ${field}: ${problem}`);
    this.name = "InvalidClusterConfigError";
  }
}

const pattern = (error: string, compile: (text: string) => RegExp) =>
  z.string().transform((text, ctx) => {
    try {
      return compile(text);
    } catch {
      ctx.addIssue({ code: "custom", message: error });
      return z.NEVER;
    }
  });

/** A PEM file's contents, read at load so a missing file is refused with the rest of the config. */
const pemFile = z.string().transform((path, ctx) => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    ctx.addIssue({ code: "custom", message: "file cannot be read" });
    return z.NEVER;
  }
});

const clusterSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "expected 1–63 lowercase letters, digits, _ or -, starting with a letter or digit"),
  name: z.string().min(1).max(200).optional(),
  brokers: z
    .array(z.string().regex(hostPort, "expected host:port"), { error: "expected a list of host:port" })
    .min(1, "expected at least one host:port"),
  clientId: z.string().min(1).optional(),
  sasl: z
    .strictObject({
      mechanism: z.enum(["plain", "scram-sha-256", "scram-sha-512"], { error: "expected plain, scram-sha-256 or scram-sha-512" }),
      username: z.string().min(1, "required"),
      password: z.string().min(1, "required"),
    })
    .optional(),
  tls: z
    .strictObject({
      enabled: z.boolean().default(true),
      caFile: pemFile.optional(),
      certFile: pemFile.optional(),
      keyFile: pemFile.optional(),
      rejectUnauthorized: z.boolean().default(true),
    })
    .refine((tls) => Boolean(tls.certFile) === Boolean(tls.keyFile), { error: "certFile and keyFile go together", path: ["keyFile"] })
    .optional(),
  dlqPattern: pattern("expected a valid regular expression", (s) => new RegExp(s, "i")).default(new RegExp(DEFAULT_DLQ_PATTERN, "i")),
  headerMappings: z.array(headerMappingSchema).default([]),
  keepFailureHeaders: z.boolean().default(false),
  redeliverTargets: pattern(
    "expected a valid regular expression, matched against the whole topic name",
    (s) => new RegExp(`^(?:${s})$`),
  ).optional(),
  indexer: z.boolean().default(true),
  jobs: z.boolean().default(true),
  lagSampling: z.boolean().default(true),
});

const fileSchema = z
  .strictObject({ clusters: z.array(clusterSchema, { error: "expected a list of clusters" }).min(1, "expected at least one cluster") })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.clusters.forEach((cluster, i) => {
      if (seen.has(cluster.id))
        ctx.addIssue({ code: "custom", path: ["clusters", i, "id"], message: `"${cluster.id}" is used by an earlier cluster` });
      seen.add(cluster.id);
    });
  });

/** ["clusters", 1, "brokers"] → "clusters[1].brokers" */
export function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(the file)";
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`)).join("");
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Replaces every `${NAME}` in the file's strings with the variable's value; a variable that is not set is refused. */
export function resolveReferences(
  value: unknown,
  environment: Record<string, string | undefined>,
  path: string,
  at: PropertyKey[] = [],
): unknown {
  if (typeof value === "string") {
    return value.replace(REFERENCE, (_, name: string) => {
      const resolved = environment[name];
      if (resolved === undefined) throw new InvalidClusterConfigError(path, fieldName(at), `environment variable ${name} is not set`);
      return resolved;
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => resolveReferences(item, environment, path, [...at, i]));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveReferences(item, environment, path, [...at, key])]));
  }
  return value;
}

/** The file's text as plain data; a syntax error is named by line and column only (the line itself may hold a secret). */
function readDocument(path: string, text: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true });
  const [error] = document.errors;
  if (error) {
    const where = error.linePos?.[0] ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : "(the file)";
    throw new InvalidClusterConfigError(path, where, `not valid YAML or JSON (${error.code})`);
  }
  return document.toJS();
}

/** Parses and validates a clusters file: the clusters with their settings, or an InvalidClusterConfigError. */
export function parseClusterFile(
  path: string,
  text: string,
  environment: Record<string, string | undefined>,
  instance: InstanceDefaults,
): ConfiguredCluster[] {
  const raw = resolveReferences(readDocument(path, text), environment, path);
  const result = fileSchema.safeParse(raw);
  if (!result.success) {
    const [issue] = result.error.issues;
    throw new InvalidClusterConfigError(path, fieldName(issue!.path), issue!.message);
  }
  return result.data.clusters.map((c) => ({
    id: c.id,
    name: c.name ?? c.id,
    brokers: c.brokers,
    clientId: c.clientId ?? instance.clientId,
    connectionTimeoutMs: instance.connectionTimeoutMs,
    ssl: c.tls?.enabled
      ? { ca: c.tls.caFile, cert: c.tls.certFile, key: c.tls.keyFile, rejectUnauthorized: c.tls.rejectUnauthorized }
      : undefined,
    sasl: c.sasl,
    dlqPattern: c.dlqPattern,
    settings: {
      headerMappings: c.headerMappings,
      keepFailureHeaders: c.keepFailureHeaders,
      redeliverTargets: c.redeliverTargets,
      runs: {
        indexer: c.indexer && instance.runs.indexer,
        jobs: c.jobs && instance.runs.jobs,
        lagSampling: c.lagSampling && instance.runs.lagSampling,
      },
    },
  }));
}

/** Reads and parses the file at `path`; an unreadable file is an InvalidClusterConfigError too. */
export function loadClusterFile(
  path: string,
  environment: Record<string, string | undefined>,
  instance: InstanceDefaults,
): ConfiguredCluster[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new InvalidClusterConfigError(path, "(the file)", `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  return parseClusterFile(path, text, environment, instance);
}

/** Two configurations of one cluster that differ here need its pieces restarted. */
export function clusterFingerprint(cluster: ConfiguredCluster): string {
  return JSON.stringify(cluster, (_, value: unknown) => (value instanceof RegExp ? `/${value.source}/${value.flags}` : value));
}
