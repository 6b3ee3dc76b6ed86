// Shared by the benchmarks: starting `next start` on a given store, timing API requests, and sampling the
// server's memory (resident set of its whole process group) while they run; a scratch PostgreSQL database; the
// bare kafkajs consumer the throughput figures are set beside.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { uniqueName, type KafkaSeed } from "@/e2e/support/kafka-seed";
import { signInCookie } from "@/scripts/sign-in";
import { ADMIN_DATABASE_URL } from "@/test/store-backends";
import { procStat } from "./cpu";

export const PORT = 3200;
export const base = `http://127.0.0.1:${PORT}`;
export const BENCH_PASSWORD = "bench-admin-password";
// Its own build directory: a test run building .next at the same time cannot pull the bench server's files away.
const DIST_DIR = ".next-bench";
const PAGE_KIB = Number(execFileSync("getconf", ["PAGESIZE"], { encoding: "utf8" }).trim()) / 1024 || 4;
export const brokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");

export interface Stats {
  median: number;
  p95: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

export const fmtMs = (ms: number) => `${ms.toFixed(0).padStart(5)} ms`;

export function buildApp(): void {
  console.log("Building the production app…");
  execFileSync("npx", ["next", "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", REDRIVE_DIST_DIR: DIST_DIR },
  });
}

/**
 * Resident memory in MiB of a process and every process under it, read from /proc: sampling five times a second
 * by running `ps` cost the machine a tenth of a core, taken from the run it measured.
 */
function treeRssMiB(pid: number): number {
  let kib = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop()!;
    const fields = procStat(next);
    if (!fields) continue;
    // Field 24: RSS, in pages.
    kib += Number(fields[21]) * PAGE_KIB;
    try {
      for (const task of readdirSync(`/proc/${next}/task`)) {
        pending.push(...readFileSync(`/proc/${next}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number));
      }
    } catch {
      // gone meanwhile
    }
  }
  return kib / 1024;
}

export class BenchServer {
  private cookie = "";
  private sampler?: NodeJS.Timeout;
  peakRssMiB = 0;

  private constructor(private readonly child: ChildProcess) {}

  static async start(env: Record<string, string>): Promise<BenchServer> {
    // Node directly rather than through npx, so the memory sampled is the server's and not npm's too.
    // BENCH_CPU_PROFILE_DIR=dir writes the server's CPU profile there when it stops (open it in Chrome's DevTools).
    const profile = process.env.BENCH_CPU_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`] : [];
    const child = spawn(process.execPath, [...profile, "node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        REDRIVE_DIST_DIR: DIST_DIR,
        KAFKA_BROKERS: brokers.join(","),
        LOG_LEVEL: "warn",
        REDRIVE_ADMIN_PASSWORD: BENCH_PASSWORD,
        ...env,
      },
      stdio: "ignore",
      detached: true,
    });
    const server = new BenchServer(child);
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (i > 240) throw new Error("the console did not start within 120 s");
      await new Promise((r) => setTimeout(r, 500));
    }
    server.cookie = await signInCookie(base, "admin", BENCH_PASSWORD);
    server.sampler = setInterval(() => (server.peakRssMiB = Math.max(server.peakRssMiB, server.rssMiB())), 200);
    return server;
  }

  /** The server's process group (it leads its own). */
  get pgid(): number | undefined {
    return this.child.pid;
  }

  rssMiB(): number {
    return this.child.pid ? treeRssMiB(this.child.pid) : 0;
  }

  async time(path: string): Promise<{ ms: number; bytes: number; body: string }> {
    const started = performance.now();
    const response = await fetch(base + path, { headers: { cookie: this.cookie } });
    const body = await response.text();
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${body.slice(0, 200)}`);
    return { ms: performance.now() - started, bytes: body.length, body };
  }

  /** POSTs JSON from the console's own origin; returns the time taken, or throws on an error answer. */
  async post(path: string, body: unknown): Promise<number> {
    const started = performance.now();
    const response = await fetch(base + path, {
      method: "POST",
      headers: { cookie: this.cookie, origin: base, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 200)}`);
    return performance.now() - started;
  }

  /** POSTs JSON from the console's own origin and answers the parsed body, or throws on an error answer. */
  async postJson(path: string, body: unknown): Promise<unknown> {
    const response = await fetch(base + path, {
      method: "POST",
      headers: { cookie: this.cookie, origin: base, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text);
  }

  /** Two warm-ups, then `runs` sequential requests; prints one line and returns the median. */
  async measure(label: string, path: string, runs = 20): Promise<number> {
    await this.time(path);
    await this.time(path);
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const result = await this.time(path);
      samples.push(result.ms);
      bytes = result.bytes;
    }
    const { median, p95, max } = stats(samples);
    console.log(`  ${label.padEnd(44)} median ${fmtMs(median)}   p95 ${fmtMs(p95)}   max ${fmtMs(max)}   ${(bytes / 1024).toFixed(0)} KiB`);
    return median;
  }

  async stop(): Promise<void> {
    clearInterval(this.sampler);
    if (!this.child.pid) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    process.kill(-this.child.pid, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
}

/** Prints whether `value` meets `target` and marks the run failed when it does not. */
export function verdict(label: string, value: number, target: number, unit = "ms"): void {
  const ok = value < target;
  console.log(`  ${ok ? "meets " : "MISSES"} ${label}: ${value.toFixed(0)} ${unit} (target < ${target} ${unit})`);
  if (!ok) process.exitCode = 1;
}

/** A PostgreSQL database of the benchmark's own; drop() removes it (forced: a stopped server may leave connections). */
export async function scratchDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } catch (error) {
    await admin.end();
    throw error;
  }
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await admin.end();
    },
  };
}

/** Records per second a bare kafkajs consumer reads from the start of `topic`, doing nothing with them; timed from its first batch. */
export async function bareConsumerRate(
  seed: KafkaSeed,
  topic: string,
  records: number,
  groupId = uniqueName("bench-bare"),
): Promise<number> {
  const consumer = seed.kafka.consumer({ groupId });
  let count = 0;
  let first = 0;
  const done = new Promise<number>((resolve) => {
    void consumer.connect().then(async () => {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachBatch: async ({ batch }) => {
          first ||= performance.now();
          count += batch.messages.length;
          if (count >= records) resolve(performance.now() - first);
        },
      });
    });
  });
  const ms = await done;
  await consumer.disconnect();
  return (records / ms) * 1000;
}
