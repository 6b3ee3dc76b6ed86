// The environment's schema, kept free of `server-only` so unit tests and scripts can use it.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { AllowListError, parseAllowList, parseHostAllowList } from "@/lib/net/allow-list";

export const DEFAULT_DLQ_PATTERN = "(^|[._-])(dlq|dlt|dead[._-]?letter)([._-]|$)";

export const hostPort = /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/;

const booleanString = z.enum(["true", "false", "1", "0"], { error: "expected true or false" }).transform((v) => v === "true" || v === "1");

const readableFile = z.string().refine(
  (path) => {
    try {
      readFileSync(path);
      return true;
    } catch {
      return false;
    }
  },
  { error: "file cannot be read" },
);

const headerName = z.string().min(1).max(249);

/** A user-defined failure convention: which header holds each part of the failure. */
export const headerMappingSchema = z.strictObject({
  name: z.string().min(1),
  originalTopic: headerName.optional(),
  originalPartition: headerName.optional(),
  originalOffset: headerName.optional(),
  exceptionClass: headerName.optional(),
  message: headerName.optional(),
  stacktrace: headerName.optional(),
  consumerGroup: headerName.optional(),
});

/** JSON: [{"name": "billing", "exceptionClass": "x-err-type", "message": "x-err-msg", …}, …] */
const headerMappings = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "expected JSON: an array of header mappings" });
      return z.NEVER;
    }
  })
  .pipe(z.array(headerMappingSchema, { error: "expected an array of {name, exceptionClass?, message?, originalTopic?, …}" }));

/** host:port or [v6]:port → where to listen. */
const listenAddress = z
  .string()
  .regex(hostPort, "expected host:port, e.g. 0.0.0.0:9464 or [::]:9464")
  .transform((text, ctx) => {
    const at = text.lastIndexOf(":");
    const port = Number(text.slice(at + 1));
    if (port > 65_535) {
      ctx.addIssue({ code: "custom", message: "the port must be 0–65535" });
      return z.NEVER;
    }
    return { host: text.slice(0, at).replace(/^\[(.*)\]$/, "$1"), port };
  });

/** A comma-separated list parsed by `parse`, its AllowListError (naming the bad entry) reported as the variable's issue. */
const listOf = <T>(parse: (text: string) => T) =>
  z.string().transform((text, ctx) => {
    try {
      return parse(text);
    } catch (error) {
      if (!(error instanceof AllowListError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
      return z.NEVER;
    }
  });

/** "10.0.0.0/8, 192.168.1.7, ::1" */
const allowList = listOf(parseAllowList);

/** "hooks.internal, 10.1.2.0/24, 127.0.0.1": host names, addresses and CIDR ranges alert webhooks may reach. */
const hostAllowList = listOf(parseHostAllowList);

const envSchema = z
  .object({
    KAFKA_BROKERS: z
      .string()
      .default("127.0.0.1:9092")
      .transform((s) =>
        s
          .split(",")
          .map((b) => b.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(hostPort, "expected host:port[,host:port…]")).min(1, "expected at least one broker")),
    KAFKA_CLIENT_ID: z.string().min(1).default("redrive"),
    KAFKA_SASL_MECHANISM: z.enum(["plain", "scram-sha-256", "scram-sha-512"]).optional(),
    KAFKA_SASL_USERNAME: z.string().optional(),
    KAFKA_SASL_PASSWORD: z.string().optional(),
    KAFKA_SSL: booleanString.default(false),
    KAFKA_SSL_CA_FILE: readableFile.optional(),
    KAFKA_SSL_CERT_FILE: readableFile.optional(),
    KAFKA_SSL_KEY_FILE: readableFile.optional(),
    KAFKA_SSL_REJECT_UNAUTHORIZED: booleanString.default(true),
    KAFKA_CONNECTION_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "expected a postgres:// or postgresql:// URL")
      .optional(),
    REDRIVE_DATA_DIR: z.string().min(1).default("./.redrive"),
    /** A YAML or JSON file that lists the clusters (see lib/config/cluster-file.ts); without it, the KAFKA_* variables describe one. */
    REDRIVE_CONFIG: z.string().min(1).optional(),
    REDRIVE_DLQ_PATTERN: z
      .string()
      .default(DEFAULT_DLQ_PATTERN)
      .refine(
        (s) => {
          try {
            new RegExp(s, "i");
            return true;
          } catch {
            return false;
          }
        },
        { error: "expected a valid regular expression" },
      )
      .transform((s) => new RegExp(s, "i")),
    /** Redeliveries may go only to topics whose whole name matches this (system topics are refused regardless). */
    REDRIVE_REDELIVER_TARGETS: z
      .string()
      .refine(
        (s) => {
          try {
            new RegExp(s);
            return true;
          } catch {
            return false;
          }
        },
        { error: "expected a valid regular expression, matched against the whole topic name" },
      )
      .transform((s) => new RegExp(`^(?:${s})$`))
      .optional(),
    REDRIVE_PUBLIC_URL: z.url({ protocol: /^https?$/, error: "expected an http(s) URL" }).optional(),
    REDRIVE_ADMIN_PASSWORD: z.string().min(12, "at least 12 characters").optional(),
    REDRIVE_AUTH_SECRET: z.string().min(32, "at least 32 characters").optional(),
    REDRIVE_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(60),
    REDRIVE_SESSION_MAX_HOURS: z.coerce.number().positive().default(12),
    REDRIVE_SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().positive().default(5),
    REDRIVE_INDEXER: booleanString.default(true),
    /** Extra failure conventions, tried before the built-in ones. */
    REDRIVE_HEADER_MAPPINGS: headerMappings.default([]),
    /** Redeliver with the failure headers of the record's convention (they are stripped by default). */
    REDRIVE_KEEP_FAILURE_HEADERS: booleanString.default(false),
    /** The indexer's consumer group; by default "redrive-indexer-<store id>", shared by instances on one store. */
    REDRIVE_INDEXER_GROUP: z.string().min(1).max(249).optional(),
    REDRIVE_INDEXER_DISCOVERY_SECONDS: z.coerce.number().positive().default(30),
    /** Run bulk jobs on this instance (each job on one instance at a time, whichever claims it). */
    REDRIVE_JOBS: booleanString.default(true),
    /** Sample every consumer group's lag into the store (the group page's lag chart); false on serving-only instances. */
    REDRIVE_LAG_SAMPLER: booleanString.default(true),
    REDRIVE_LAG_SAMPLE_SECONDS: z.coerce.number().int().min(1, "at least 1").max(86_400).default(60),
    REDRIVE_LAG_RETENTION_DAYS: z.coerce.number().positive().max(3_650).default(7),
    /** Evaluate alert rules and post their webhooks from this instance. */
    REDRIVE_ALERTS: booleanString.default(true),
    REDRIVE_ALERTS_EVALUATE_SECONDS: z.coerce.number().int().min(1, "at least 1").max(86_400).default(30),
    /** Internal hosts and addresses alert webhooks may reach (loopback, private, link-local and own ones are refused). */
    REDRIVE_WEBHOOK_ALLOW: z.string().default("").pipe(hostAllowList),
    /** Also serve GET /metrics, without a token, on this host:port to the addresses in REDRIVE_METRICS_ALLOW. */
    REDRIVE_METRICS_LISTEN: listenAddress.optional(),
    REDRIVE_METRICS_ALLOW: z.string().default("127.0.0.1, ::1").pipe(allowList),
    /** Reverse proxies whose X-Forwarded-For is believed (addresses and CIDR ranges); empty: only the socket's peer counts. */
    REDRIVE_TRUSTED_PROXIES: z.string().default("").pipe(allowList),
    /** Each store statement's time limit on the request path (PostgreSQL statement_timeout); 0 turns it off. */
    REDRIVE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0, "0 (off) or more").max(3_600_000, "at most an hour").default(15_000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.KAFKA_SASL_MECHANISM && (!env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD)) {
      for (const key of ["KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "required when KAFKA_SASL_MECHANISM is set" });
      }
    }
    if (Boolean(env.KAFKA_SSL_CERT_FILE) !== Boolean(env.KAFKA_SSL_KEY_FILE)) {
      ctx.addIssue({ code: "custom", path: ["KAFKA_SSL_KEY_FILE"], message: "KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together" });
    }
  });

export type ServerEnv = z.infer<typeof envSchema>;

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super("Invalid environment:\n" + problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n"));
    this.name = "InvalidEnvironmentError";
  }
}

/** Parses the environment; empty strings count as unset, as most shells and .env files intend. */
export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(present);
  if (result.success) return result.data;
  throw new InvalidEnvironmentError(
    result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? "environment"), message: issue.message })),
  );
}
