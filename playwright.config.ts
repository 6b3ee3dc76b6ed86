import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import {
  ADMIN_PASSWORD,
  AUTH_SECRET,
  E2E_DLQ_PATTERN,
  SASL_PASSWORD,
  SECOND_BROKERS,
  SERVER_LOG_DIR,
  consolePort,
  consoleUrl,
  metricsListenPort,
  storageStatePath,
} from "./e2e/support/accounts";

// Each run gets fresh embedded stores; the servers are the production build (`next build` runs first).
const dataDir = process.env.REDRIVE_E2E_DATA_DIR ?? runDataDir();

/**
 * One directory per run: worker processes load this file again and inherit the runner's environment. The runner
 * removes it when it exits, after its servers have stopped: each run's stores hold gigabytes once the servers have
 * indexed every DLQ on a shared broker, and left behind they fill the disk.
 */
function runDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "redrive-e2e-"));
  process.env.REDRIVE_E2E_DATA_DIR = dir;
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
mkdirSync(SERVER_LOG_DIR, { recursive: true });
const brokers = process.env.KAFKA_BROKERS ?? "127.0.0.1:9092";

/**
 * The two-cluster console's REDRIVE_CONFIG: the main broker as `default` and a second broker as `second`, both
 * indexing only the specs' own DLQs. Strings are written as JSON, which YAML reads as double-quoted scalars.
 */
function writeTwoClusterConfig(): string {
  const cluster = (id: string, name: string, clusterBrokers: readonly string[]) =>
    [
      `  - id: ${JSON.stringify(id)}`,
      `    name: ${JSON.stringify(name)}`,
      `    brokers: ${JSON.stringify(clusterBrokers)}`,
      `    dlqPattern: ${JSON.stringify(E2E_DLQ_PATTERN)}`,
    ].join("\n");
  const path = join(dataDir, "clusters.yaml");
  writeFileSync(
    path,
    ["clusters:", cluster("default", "Local", brokers.split(",")), cluster("second", "Second", SECOND_BROKERS), ""].join("\n"),
  );
  return path;
}

// Server output goes to a file as well, so a spec can search it for leaked secrets.
const server = (port: number, env: Record<string, string>) => ({
  command: `npx next start -p ${port} -H 127.0.0.1 2>&1 | tee ${join(SERVER_LOG_DIR, `${port}.log`)}`,
  url: `http://127.0.0.1:${port}/api/health`,
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: "ignore" as const,
  stderr: "pipe" as const,
  env: {
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "debug",
    REDRIVE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    REDRIVE_AUTH_SECRET: AUTH_SECRET,
    ...env,
  },
});

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  use: {
    baseURL: consoleUrl(),
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "sign-in", testMatch: /accounts\.setup\.ts/ },
    {
      name: "chromium",
      testMatch: /\.spec\.ts$/,
      testIgnore: /leaks\.spec\.ts/,
      dependencies: ["sign-in"],
      use: { ...devices["Desktop Chrome"], channel: undefined, storageState: storageStatePath("viewer") },
    },
    // Runs last, over the logs every other spec produced.
    { name: "leaks", testMatch: /leaks\.spec\.ts/, dependencies: ["chromium"], use: { storageState: storageStatePath("admin") } },
  ],
  webServer: [
    // Specs sign the same people in many times a minute; the per-username limit is tested in integration.
    server(consolePort(0), {
      KAFKA_BROKERS: brokers,
      REDRIVE_DATA_DIR: join(dataDir, "console"),
      REDRIVE_SIGN_IN_ATTEMPTS_PER_MINUTE: "50",
      REDRIVE_DLQ_PATTERN: E2E_DLQ_PATTERN,
      // Specs create DLQ topics and expect them indexed within seconds.
      REDRIVE_INDEXER_DISCOVERY_SECONDS: "1",
      // The monitoring spec expects lag samples and alert rounds within seconds.
      REDRIVE_LAG_SAMPLE_SECONDS: "3",
      REDRIVE_ALERTS_EVALUATE_SECONDS: "3",
      // The monitoring spec's webhook receivers listen on 127.0.0.1; every other internal address stays refused.
      REDRIVE_WEBHOOK_ALLOW: "127.0.0.1",
      REDRIVE_METRICS_LISTEN: `127.0.0.1:${metricsListenPort}`,
    }),
    // A console whose Kafka never answers (with SASL credentials configured that must never show).
    server(consolePort(1), {
      KAFKA_BROKERS: "127.0.0.1:1",
      KAFKA_SASL_MECHANISM: "plain",
      KAFKA_SASL_USERNAME: "redrive",
      KAFKA_SASL_PASSWORD: SASL_PASSWORD,
      REDRIVE_DATA_DIR: join(dataDir, "down"),
    }),
    // A console whose sessions end 6 seconds after sign-in, for the expired-session path.
    server(consolePort(2), {
      KAFKA_BROKERS: brokers,
      REDRIVE_DATA_DIR: join(dataDir, "short"),
      REDRIVE_SESSION_MAX_HOURS: "0.00167",
      REDRIVE_INDEXER: "false",
    }),
    // A console with two clusters from a config file (many-clusters.spec); the environment's Kafka settings are the
    // fallback a console without config-file support would use.
    server(consolePort(3), {
      REDRIVE_CONFIG: writeTwoClusterConfig(),
      KAFKA_BROKERS: brokers,
      REDRIVE_DLQ_PATTERN: E2E_DLQ_PATTERN,
      REDRIVE_DATA_DIR: join(dataDir, "clusters"),
      REDRIVE_INDEXER_DISCOVERY_SECONDS: "1",
    }),
  ],
});
