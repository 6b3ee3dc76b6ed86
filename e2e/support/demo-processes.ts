// The demo system's processes for tests and benchmarks: the producer service and the consumer worker started as
// child processes (real `node`, so signals reach them directly), on free ports, with their JSON logs kept.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const ENTRY = { producer: "demo/producer/main.ts", consumer: "demo/consumer/main.ts" } as const;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export class DemoProcess {
  readonly logs: LogLine[] = [];
  /** Output that was not a JSON log line (a crash, a stack trace). */
  readonly otherOutput: string[] = [];
  readonly exited: Promise<number | null>;

  private constructor(
    readonly kind: keyof typeof ENTRY,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    let pending = "";
    const collect = (chunk: Buffer) => {
      const lines = (pending + chunk.toString("utf8")).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines.filter(Boolean)) {
        try {
          this.logs.push(JSON.parse(line) as LogLine);
        } catch {
          this.otherOutput.push(line);
        }
      }
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
  }

  /**
   * Starts `kind` on a free port and resolves once its /health answers 200 (for the consumer: it has joined its
   * group). `env` is added to this process's environment.
   */
  static async start(kind: keyof typeof ENTRY, env: Record<string, string>, args: string[] = [], timeoutMs = 90_000): Promise<DemoProcess> {
    const port = await freePort();
    const portVariable = kind === "producer" ? "PRODUCER_PORT" : "CONSUMER_PORT";
    const child = spawn(process.execPath, ["--import", "tsx", ENTRY[kind], ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "info", ...env, [portVariable]: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const demo = new DemoProcess(kind, `http://127.0.0.1:${port}`, child);
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void demo.exited.then((code) => (exitCode = code));
    for (;;) {
      if (exitCode !== undefined) throw new Error(`the ${kind} exited with ${exitCode} while starting:\n${demo.output()}`);
      try {
        if ((await fetch(`${demo.url}/health`)).ok) return demo;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        demo.kill("SIGKILL");
        throw new Error(`the ${kind} was not healthy within ${timeoutMs} ms:\n${demo.output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  kill(signal: NodeJS.Signals): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
  }

  /** SIGTERM, then the exit code. */
  async stop(): Promise<number | null> {
    this.kill("SIGTERM");
    return this.exited;
  }

  output(): string {
    return [...this.logs.map((l) => JSON.stringify(l)), ...this.otherOutput].join("\n");
  }

  async json<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
    const response = await fetch(this.url + path, init);
    return { status: response.status, body: (await response.json()) as T };
  }

  /** The value of one Prometheus sample, e.g. metric('demo_consumer_messages_processed_total{topic="t"}'); 0 when absent. */
  async metric(sample: string): Promise<number> {
    const text = await (await fetch(`${this.url}/metrics`)).text();
    const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
    return line ? Number(line.slice(sample.length + 1)) : 0;
  }
}

/** The consumer's /processed answer. */
export interface ProcessedAnswer {
  count: number;
  records: {
    topic: string;
    partition: number;
    offset: string;
    key: { text: string | null; base64: string } | null;
    value: { text: string | null; base64: string } | null;
    headers: { key: string; value: { text: string | null; base64: string } | null }[];
    messageId: string | null;
    redriveId: string | null;
    attempts: number;
    fixed: boolean;
    processedAt: string;
  }[];
}
