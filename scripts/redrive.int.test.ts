// The admin CLI against a real embedded store: create a user and a token, list, verify the audit log, rebuild
// fingerprints, forget a DLQ, and refuse — with a sentence, not a stack trace — while another process holds the store.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dataDir = mkdtempSync(join(tmpdir(), "redrive-cli-"));

/** Runs the CLI in a child process without blocking this worker (a blocked worker misses vitest's RPC deadline). */
function cli(args: string[], input = "", env: Record<string, string> = {}): Promise<{ status: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/redrive.ts", ...args], {
      env: { ...process.env, REDRIVE_DATA_DIR: dataDir, DATABASE_URL: "", ...env },
    });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, out, err }));
    child.stdin.end(input);
  });
}

describe("npm run redrive", () => {
  it("creates a user and a token, lists it without the secret, and verifies the audit log", async () => {
    expect(await cli(["user", "create", "--username", "alice", "--role", "operator"], "alice-password-123\n")).toMatchObject({
      status: 0,
      out: 'Created operator "alice".\n',
    });
    const created = await cli(["token", "create", "--name", "nightly", "--role", "viewer"]);
    expect(created.status).toBe(0);
    const token = created.out.match(/rdv_[A-Za-z0-9_-]{43}/)?.[0];
    expect(token).toBeDefined();

    const listed = await cli(["token", "list"]);
    expect(listed.out).toContain("nightly  viewer");
    expect(listed.out).not.toContain(token);
    expect(await cli(["audit", "verify"])).toMatchObject({ status: 0, out: expect.stringContaining("Audit log intact: 2 entries") });
  }, 120_000);

  it("creates a token that expires with --expires-in, and names a bad duration", async () => {
    const created = await cli(["token", "create", "--name", "quarterly", "--role", "viewer", "--expires-in", "90d"]);
    expect(created.status).toBe(0);
    const expires = new Date(created.out.match(/expires (\S+)\)/)![1]!).getTime();
    expect(Math.abs(expires - (Date.now() + 90 * 86_400_000))).toBeLessThan(60_000);
    expect((await cli(["token", "list"])).out).toMatch(/quarterly {2}viewer .* expires \S+ {2}never used/);
    expect(await cli(["token", "create", "--name", "y", "--role", "viewer", "--expires-in", "soon"])).toMatchObject({
      status: 2,
      err: expect.stringContaining('--expires-in: expected a number of days, weeks or years, e.g. 90d, 12w or 1y (got "soon")'),
    });
  }, 120_000);

  it("names the field when input is wrong", async () => {
    expect(await cli(["user", "create", "--username", "bob", "--role", "admin"], "short\n")).toMatchObject({
      status: 2,
      err: "password: at least 12 characters\n",
    });
    expect(await cli(["token", "create", "--name", "x", "--role", "root"])).toMatchObject({
      status: 2,
      err: expect.stringMatching(/^role: /),
    });
    expect(await cli(["frobnicate"])).toMatchObject({ status: 2, err: expect.stringContaining('unknown command "frobnicate"') });
  }, 120_000);

  it("fingerprints stored records again and rebuilds their groups, saying what it changed", async () => {
    expect(await cli(["fingerprints", "rebuild"])).toMatchObject({
      status: 2,
      err: expect.stringContaining("no DLQ records in the store match"),
    });
    const { openStore } = await import("@/lib/store/open-store");
    const { storeDlqRows } = await import("@/lib/store/dlq-messages");
    const { dlqRow } = await import("@/lib/dlq/dlq-row");
    const { sql } = await import("drizzle-orm");
    const store = await openStore({ dataDir });
    try {
      const header = (key: string, value: string) => ({ key, value: Buffer.from(value) });
      await storeDlqRows(
        store,
        ["970x250", "300x600"].map((size, i) =>
          dlqRow({
            cluster: "default",
            topic: "ads.DLT",
            partition: 0,
            offset: BigInt(i),
            timestampMs: 1_790_000_000_000n,
            key: null,
            value: null,
            headers: [
              header("kafka_dlt-exception-fqcn", "com.ads.Rejected"),
              header("kafka_dlt-exception-message", `creative ${size} rejected`),
            ],
          }),
        ),
      );
      // As a version that grouped each size apart left them.
      await store.db.execute(sql`update dlq_message set fingerprint = 'old-' || "offset"::text`);
    } finally {
      await store.close();
    }
    expect(await cli(["fingerprints", "rebuild", "--topic", "ads.DLT"])).toMatchObject({
      status: 0,
      out: "ads.DLT on default: 2 records, 2 regrouped; failure groups rebuilt\n",
    });
    expect(await cli(["fingerprints", "rebuild"])).toMatchObject({ status: 0, out: "ads.DLT on default: 2 records, 0 regrouped\n" });
  }, 120_000);

  it("forgets a triaged DLQ's records, and refuses while any is pending", async () => {
    expect(await cli(["dlq", "forget", "--cluster", "default"])).toMatchObject({
      status: 2,
      err: expect.stringContaining("--topic is required"),
    });
    expect(await cli(["dlq", "forget", "--cluster", "default", "--topic", "ads.DLT"])).toMatchObject({
      status: 2,
      err: expect.stringMatching(/^2 records of "ads\.DLT" are still pending: redeliver or discard them first/),
    });
    const { openStore } = await import("@/lib/store/open-store");
    const { discard } = await import("@/lib/triage/single-actions");
    const { systemActor } = await import("@/lib/auth/actor");
    const store = await openStore({ dataDir });
    try {
      for (const offset of [0n, 1n])
        await discard(store, {
          key: { cluster: "default", topic: "ads.DLT", partition: 0, offset },
          actor: systemActor("test"),
          reason: "topic recreated",
        });
    } finally {
      await store.close();
    }
    expect(await cli(["dlq", "forget", "--cluster", "default", "--topic", "ads.DLT"])).toMatchObject({
      status: 0,
      out: "Forgot 2 records of ads.DLT (0 redelivered, 2 discarded); the indexer stores the topic's records afresh.\n",
    });
    expect(await cli(["dlq", "forget", "--cluster", "default", "--topic", "ads.DLT"])).toMatchObject({
      status: 2,
      err: 'The store holds no records of DLQ "ads.DLT" on cluster "default"\n',
    });
  }, 120_000);

  it("acts on the cluster named by --cluster, one of REDRIVE_CONFIG's, and names a bad file by path and field", async () => {
    const config = join(dataDir, "clusters.yaml");
    writeFileSync(config, 'clusters:\n  - id: default\n    brokers: ["127.0.0.1:9092"]\n  - id: second\n    brokers: ["127.0.0.1:9192"]\n');
    const withConfig = { REDRIVE_CONFIG: config };
    expect(await cli(["dlq", "forget", "--cluster", "second", "--topic", "ads.DLT"], "", withConfig)).toMatchObject({
      status: 2,
      err: 'The store holds no records of DLQ "ads.DLT" on cluster "second"\n',
    });
    expect(await cli(["dlq", "forget", "--topic", "ads.DLT"], "", withConfig)).toMatchObject({
      status: 2,
      err: 'The store holds no records of DLQ "ads.DLT" on cluster "default"\n',
    });
    expect(await cli(["dlq", "forget", "--cluster", "third", "--topic", "ads.DLT"], "", withConfig)).toMatchObject({
      status: 2,
      err: 'Cluster "third" is not configured\n',
    });
    writeFileSync(config, "clusters:\n  - id: default\n    brokers: []\n");
    expect(await cli(["dlq", "forget", "--topic", "ads.DLT"], "", withConfig)).toMatchObject({
      status: 2,
      err: `REDRIVE_CONFIG ${config}: clusters[0].brokers: expected at least one host:port\n`,
    });
  }, 120_000);

  it("refuses while another live process holds the embedded store", async () => {
    const holder = spawn("sleep", ["30"]);
    try {
      writeFileSync(join(dataDir, "redrive.lock"), String(holder.pid));
      const refused = await cli(["token", "list"]);
      expect(refused.status).toBe(2);
      expect(refused.err).toContain(`in use by another Redrive process (pid ${holder.pid})`);
      expect(refused.err).not.toMatch(/\n\s+at /);
    } finally {
      holder.kill("SIGKILL");
    }
  }, 120_000);
});
