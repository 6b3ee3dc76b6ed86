import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Each run gets a fresh embedded store; the servers are the production build (`next build` runs first).
const dataDir = mkdtempSync(join(tmpdir(), "redrive-e2e-"));
const brokers = process.env.KAFKA_BROKERS ?? "127.0.0.1:9092";
export const CONSOLE_URL = "http://127.0.0.1:3100";
export const DOWN_CONSOLE_URL = "http://127.0.0.1:3101";

const server = (port: number, env: Record<string, string>) => ({
  command: `npx next start -p ${port} -H 127.0.0.1`,
  url: `http://127.0.0.1:${port}/api/health`,
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: "pipe" as const,
  stderr: "pipe" as const,
  env: { NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn", ...env },
});

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  use: {
    baseURL: CONSOLE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    server(3100, { KAFKA_BROKERS: brokers, REDRIVE_DATA_DIR: join(dataDir, "console") }),
    // A console whose Kafka never answers, for the designed "not reachable" state.
    server(3101, { KAFKA_BROKERS: "127.0.0.1:1", REDRIVE_DATA_DIR: join(dataDir, "down") }),
  ],
});
