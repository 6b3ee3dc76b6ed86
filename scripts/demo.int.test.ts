// `npm run demo` end to end, on names and directories of its own: it prints the URL and the admin's credentials,
// the console shows the demo's DLQs with the consumer's failures and the other conventions' records, Ctrl-C stops
// every process it started, and a second run adds nothing to Kafka.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@/e2e/support/demo-processes";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { signInCookie } from "./sign-in";

const seed = new KafkaSeed();
const prefix = `${uniqueName("demo-run")}.`;
const dir = mkdtempSync(join(tmpdir(), "redrive-demo-run-"));
const ports = { PORT: 0, PRODUCER_PORT: 0, CONSUMER_PORT: 0 };
const runs: DemoRun[] = [];

afterAll(async () => {
  // A failed assertion leaves a run up: stop it as Ctrl-C would.
  for (const run of runs) await run.interrupt();
  const admin = await seed.connectedAdmin();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
  if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
  const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
  // A member that just left can keep its group non-empty for a moment.
  for (let attempt = 0; groups.length > 0 && attempt < 10; attempt++) {
    const failed = await admin.deleteGroups(groups).then(
      () => [],
      (error: { groups?: { groupId: string }[] }) => error.groups?.map((g) => g.groupId) ?? groups,
    );
    groups.splice(0, groups.length, ...failed);
    if (groups.length > 0) await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  await seed.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

class DemoRun {
  output = "";
  readonly exited: Promise<number | null>;
  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  /** Starts scripts/demo.sh in a process group of its own (as a terminal would) and waits until it is ready. */
  static async start(): Promise<DemoRun> {
    const env = {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      DEMO_TOPIC_PREFIX: prefix,
      DEMO_DIR: join(dir, "demo"),
      REDRIVE_DATA_DIR: join(dir, "console"),
      REDRIVE_INDEXER_GROUP: `${prefix}indexer`,
      // Only this run's DLQs: the shared broker holds other tests' too.
      REDRIVE_DLQ_PATTERN: `^${prefix.replace(/\./g, "\\.")}.*(dlt|dlq|dead_letter)$`,
      REDRIVE_INDEXER_DISCOVERY_SECONDS: "1",
    };
    const run = new DemoRun(spawn("bash", ["scripts/demo.sh"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] }));
    runs.push(run);
    let code: number | null | undefined;
    void run.exited.then((c) => (code = c));
    // A first run may build the console.
    for (const deadline = Date.now() + 480_000; !run.output.includes("Ctrl-C stops everything this started.");) {
      if (code !== undefined || Date.now() > deadline) throw new Error(`the demo did not come up (exit ${code}):\n${run.output}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return run;
  }

  /** Ctrl-C: SIGINT to the foreground process group. */
  async interrupt(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) process.kill(-this.child.pid!, "SIGINT");
    return this.exited;
  }
}

/** Processes whose environment carries this run's prefix: everything the demo started. */
function demoProcesses(): string[] {
  return readdirSync("/proc").filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/environ`, "latin1").includes(`DEMO_TOPIC_PREFIX=${prefix}`);
    } catch {
      return false;
    }
  });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last saw ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function logEnds(topics: string[]): Promise<Record<string, string>> {
  const admin = await seed.connectedAdmin();
  const ends: Record<string, string> = {};
  for (const topic of topics) for (const p of await admin.fetchTopicOffsets(topic)) ends[`${topic}/${p.partition}`] = p.high;
  return ends;
}

const banner = `${prefix}offers.banner`;
const seededTopics = [
  banner,
  `${prefix}offers.video`,
  `${prefix}offers.native`,
  `${banner}.DLT`,
  `${prefix}offers.video.DLT`,
  `${prefix}offers.native.DLT`,
  `${prefix}users-sink.dlq`,
  `${prefix}payments_dead_letter`,
];

describe("npm run demo", () => {
  it(
    "brings the system up, shows the failures in the console, stops on Ctrl-C, and adds nothing when run again",
    { timeout: 900_000 },
    async () => {
      for (const key of Object.keys(ports) as (keyof typeof ports)[]) ports[key] = await freePort();
      const base = `http://127.0.0.1:${ports.PORT}`;

      const first = await DemoRun.start();
      expect(first.output).toContain(`Redrive is running: http://localhost:${ports.PORT}`);
      expect(first.output).toContain("sign in as admin / redrive-demo-admin");
      expect(first.output).toContain(`Pushed 55 offers to ${banner} through the producer service.`);

      const cookie = await signInCookie(base, "admin", "redrive-demo-admin");
      const api = async <T>(path: string) => (await (await fetch(base + path, { headers: { cookie } })).json()) as T;
      const expectedTotals = {
        [`${banner}.DLT`]: "10",
        [`${prefix}offers.video.DLT`]: "7",
        [`${prefix}offers.native.DLT`]: "3",
        [`${prefix}users-sink.dlq`]: "4",
        [`${prefix}payments_dead_letter`]: "3",
      };
      const totals = (dlqs: { topic: string; total: string }[]) => JSON.stringify(dlqs.map((d) => [d.topic, d.total]).sort());
      await until(
        () => api<{ topic: string; total: string }[]>("/api/clusters/default/dlqs"),
        (dlqs) => totals(dlqs) === JSON.stringify(Object.entries(expectedTotals).sort()),
        "the demo DLQs in the console",
      );

      const { groups } = await api<{ groups: { exceptionClass: string | null; count: number }[] }>(
        `/api/clusters/default/dlqs/${encodeURIComponent(`${banner}.DLT`)}/groups`,
      );
      expect(groups.map((g) => `${g.exceptionClass} ${g.count}`).sort()).toEqual([
        "MalformedJsonError 1",
        "OfferRejectedError 3",
        "OfferRejectedError 6",
      ]);
      const connect = await api<{ groups: { exceptionClass: string | null }[] }>(
        `/api/clusters/default/dlqs/${encodeURIComponent(`${prefix}users-sink.dlq`)}/groups`,
      );
      expect(connect.groups.map((g) => g.exceptionClass)).toEqual(["org.apache.kafka.connect.errors.DataException"]);
      const processed = await fetch(`http://127.0.0.1:${ports.CONSUMER_PORT}/processed?topic=${banner}&limit=1000`).then(
        (r) => r.json() as Promise<{ count: number }>,
      );
      expect(processed.count).toBe(45);

      expect(demoProcesses().length).toBeGreaterThanOrEqual(5);
      expect(await first.interrupt()).toBe(0);
      expect(first.output).toContain("Demo stopped.");
      expect(demoProcesses()).toEqual([]);
      for (const port of Object.values(ports)) await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();

      const endsAfterFirst = await logEnds(seededTopics);
      const second = await DemoRun.start();
      expect(second.output.match(/already holds/g)).toHaveLength(5);
      expect(second.output).not.toContain("Pushed");
      // Time for the consumer to replay anything it had not committed (it had not) and the console to re-index.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      expect(await logEnds(seededTopics)).toEqual(endsAfterFirst);
      expect(await second.interrupt()).toBe(0);
      expect(demoProcesses()).toEqual([]);
    },
  );
});
