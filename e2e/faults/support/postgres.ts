// The machine's PostgreSQL (127.0.0.1:5432, user postgres, trust auth) for fault scenarios: a fresh database of a
// scenario's own, dropped after it, and a restart of the whole cluster (pg_ctlcluster, fast mode) in the middle of
// work, with a check that it answers again.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { uniqueName } from "../../support/kafka-seed";

const CLIENT_ARGS = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function run(command: string, args: string[], timeoutMs = 60_000): string {
  return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
}

/** Creates an empty database named `<prefix><random>` and answers its name and URL. */
export function createDatabase(prefix: string): { name: string; url: string } {
  // Database names are lower case without dashes, so that no quoting is ever needed.
  const name = uniqueName(prefix).replace(/-/g, "_").toLowerCase();
  run("createdb", [...CLIENT_ARGS, name]);
  return { name, url: `postgres://postgres@127.0.0.1:5432/${name}` };
}

/** Drops the database, ending any session still on it (a killed console's, say). */
export function dropDatabase(name: string): void {
  run("dropdb", [...CLIENT_ARGS, "--if-exists", "--force", name]);
}

export function postgresReady(): boolean {
  try {
    run("pg_isready", [...CLIENT_ARGS, "-t", "2"], 10_000);
    return true;
  } catch {
    return false;
  }
}

/** Waits until PostgreSQL accepts connections; throws after `timeoutMs`. */
export async function waitForPostgres(timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!postgresReady()) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

/** The version of the machine's cluster "main" (the directory under /etc/postgresql that has one). */
function clusterVersion(): string {
  const versions = readdirSync("/etc/postgresql").filter((v) => existsSync(join("/etc/postgresql", v, "main")));
  if (versions.length !== 1)
    throw new Error(`expected one PostgreSQL cluster "main" under /etc/postgresql, found versions ${versions.join(", ") || "none"}`);
  return versions[0]!;
}

/**
 * `pg_ctlcluster <version> main <action>`: fast mode (sessions are ended, transactions rolled back), without
 * systemctl (the machine has no systemd to redirect to).
 */
function pgCtlCluster(action: "restart" | "start"): void {
  run("pg_ctlcluster", ["--skip-systemctl-redirect", clusterVersion(), "main", action], 120_000);
}

/** Restarts PostgreSQL and waits until it accepts connections again. */
export async function restartPostgres(): Promise<void> {
  pgCtlCluster("restart");
  await waitForPostgres();
}

/** After a scenario, whatever happened: PostgreSQL is up (started again if a restart left it down). */
export async function ensurePostgresUp(): Promise<void> {
  if (postgresReady()) return;
  try {
    pgCtlCluster("start");
  } catch {
    // Already starting, most likely: the wait below says whether it came up.
  }
  await waitForPostgres();
}
