// The fault suite (`npm run test:faults`): scenarios that kill, stop and restart real processes (Kafka nodes of a
// three-node cluster, the console, PostgreSQL, the demo consumer) and then count every record. One scenario at a
// time: they share the cluster, and each leaves it whole for the next.
import { mkdirSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { SERVER_LOG_DIR } from "./e2e/support/accounts";

mkdirSync(SERVER_LOG_DIR, { recursive: true });

export default defineConfig({
  testDir: "e2e/faults",
  testMatch: /\.fault\.ts$/,
  globalSetup: "./e2e/faults/support/global-setup.ts",
  globalTeardown: "./e2e/faults/support/global-teardown.ts",
  // A scenario waits for brokers to die, elect, stall and come back: minutes, but bounded.
  timeout: 240_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
});
