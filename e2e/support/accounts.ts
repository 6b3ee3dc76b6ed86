// The people the e2e suite signs in as, and the secrets it configures so it can prove none of them leaks.
import { join } from "node:path";

export const ADMIN_PASSWORD = "e2e-admin-password-7f3a";
export const AUTH_SECRET = "e2e-auth-secret-0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a";
export const SASL_PASSWORD = "e2e-sasl-password-5b2e";

export const accounts = {
  admin: { username: "admin", password: ADMIN_PASSWORD },
  operator: { username: "e2e-operator", password: "e2e-operator-password-1c4d" },
  viewer: { username: "e2e-viewer", password: "e2e-viewer-password-9a8e" },
} as const;
export type AccountRole = keyof typeof accounts;

export const storageStatePath = (role: AccountRole) => join(__dirname, "..", ".auth", `${role}.json`);
// The e2e consoles listen on E2E_PORT (default 3100) and the three next ports, so two checkouts can run side by side:
// the main console, one whose Kafka never answers, one with short sessions, and one configured with two clusters.
const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export type ConsoleOffset = 0 | 1 | 2 | 3;
export const consoleUrl = (offset: ConsoleOffset = 0) => `http://127.0.0.1:${E2E_PORT + offset}`;
export const consolePort = (offset: ConsoleOffset = 0) => E2E_PORT + offset;
/** The second cluster's broker for the two-cluster console (scripts/test.sh starts one there). */
export const SECOND_BROKERS = (process.env.KAFKA_SECOND_BROKERS ?? "127.0.0.1:9192").split(",");
/** The main console's metrics-only listener (REDRIVE_METRICS_LISTEN), open to loopback without a token. */
export const metricsListenPort = E2E_PORT + 30;
/**
 * The consoles index only the specs' own DLQs (every spec names its topics e2e-…): a broker shared with integration
 * tests, benchmarks or a demo holds other DLQs of any size, and indexing them all into one embedded store slows the
 * console down for every spec.
 */
export const E2E_DLQ_PATTERN = "^e2e-.*(^|[._-])(dlq|dlt|dead[._-]?letter)([._-]|$)";
export const SERVER_LOG_DIR = join(__dirname, "..", ".logs");
