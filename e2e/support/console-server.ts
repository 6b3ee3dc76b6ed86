// A console server of a spec's own (the production build, `next start`), for specs that must stop or kill it: the
// Playwright-managed consoles live for the whole run. Its output goes to the server log directory like theirs.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";
import { ADMIN_PASSWORD, AUTH_SECRET, E2E_DLQ_PATTERN, SERVER_LOG_DIR } from "./accounts";

const NEXT_BIN = join(__dirname, "..", "..", "node_modules", "next", "dist", "bin", "next");

export class ConsoleServer {
  private child?: ChildProcess;
  private exited?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  /** A console on `brokers` with the e2e admin and DLQ pattern (or `dlqPattern`), finding new DLQs within a second. */
  static onBrokers(
    port: number,
    brokers: string,
    dataDir: string,
    dlqPattern = E2E_DLQ_PATTERN,
    env: Record<string, string> = {},
  ): ConsoleServer {
    return new ConsoleServer(port, {
      KAFKA_BROKERS: brokers,
      REDRIVE_DATA_DIR: dataDir,
      REDRIVE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      REDRIVE_INDEXER_DISCOVERY_SECONDS: "1",
      REDRIVE_DLQ_PATTERN: dlqPattern,
      LOG_LEVEL: "info",
      ...env,
    });
  }

  /** The same console with some of its environment changed (a restart with another setting). */
  withEnv(env: Record<string, string>): ConsoleServer {
    return new ConsoleServer(this.port, { ...this.env, ...env });
  }

  get logPath(): string {
    return join(SERVER_LOG_DIR, `${this.port}.log`);
  }

  /** An API client of this console, signed in as the admin. */
  async signedInApi(playwright: { request: { newContext(options: object): Promise<APIRequestContext> } }): Promise<APIRequestContext> {
    const api = await playwright.request.newContext({ baseURL: this.url, extraHTTPHeaders: { origin: this.url } });
    expect((await api.post("/api/auth/sign-in/username", { data: { username: "admin", password: ADMIN_PASSWORD } })).status()).toBe(200);
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the server and resolves once /api/health answers. */
  async start(): Promise<void> {
    const log = createWriteStream(this.logPath, { flags: "a" });
    // Next's own entry point under this Node, not npx: a signal reaches the server itself, and its exit code is the
    // server's. Its own process group all the same, so that a kill reaches anything it starts.
    const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(this.port), "-H", "127.0.0.1"], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", REDRIVE_AUTH_SECRET: AUTH_SECRET, ...this.env },
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`the console on :${this.port} exited with ${child.exitCode}; see ${SERVER_LOG_DIR}/${this.port}.log`);
      const healthy = await fetch(`${this.url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) return;
      if (Date.now() > deadline) throw new Error(`the console on :${this.port} did not answer within 120 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** SIGKILL to the whole process group: no shutdown code runs, as in a crash or an OOM kill. */
  async kill(): Promise<void> {
    const group = this.child?.pid;
    if (!group) return;
    process.kill(-group, "SIGKILL");
    await this.exited;
    // npx goes first; the server process behind it may take a moment longer to be gone (and to let go of its store).
    for (let i = 0; i < 100 && groupAlive(group); i++) await new Promise((r) => setTimeout(r, 100));
  }

  /** Sends `signal` to the server and waits for it to exit: its exit code (or the signal that ended it) and how long it took. */
  async terminate(signal: NodeJS.Signals = "SIGTERM"): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const child = this.child;
    if (!child?.pid || !this.exited) throw new Error(`the console on :${this.port} is not running`);
    const sentAt = Date.now();
    child.kill(signal);
    const exit = await this.exited;
    return { ...exit, ms: Date.now() - sentAt };
  }

  /** Resolves once the server has exited. */
  async exit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.exited) throw new Error(`the console on :${this.port} was not started`);
    return this.exited;
  }

  async stop(): Promise<void> {
    if (this.child?.pid && this.child.exitCode === null) {
      try {
        process.kill(-this.child.pid, "SIGTERM");
      } catch {
        return;
      }
      await this.exited;
    }
  }
}

function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}
