// Start-up with a bad REDRIVE_CONFIG: the server stops with one line naming the path and the field, before it opens
// the store, and the line carries no value of the file (a secret among them).
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("startServer with a bad clusters file", () => {
  it("stops with the path and the field, and no secret", async () => {
    const dir = mkdtempSync(join(tmpdir(), "redrive-bad-config-"));
    const config = join(dir, "redrive.yaml");
    writeFileSync(
      config,
      'clusters:\n  - id: default\n    brokers: ["127.0.0.1:9092"]\n    sasl: { mechanism: plain, username: svc, password: "${WTC_START_PASSWORD}" }\n  - id: two\n    brokers: []\n',
    );
    // Asynchronously: a worker blocked for long misses vitest's RPC deadline.
    const started = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const env = {
        ...process.env,
        REDRIVE_CONFIG: config,
        REDRIVE_DATA_DIR: join(dir, "data"),
        DATABASE_URL: "",
        WTC_START_PASSWORD: "start-secret-42",
      };
      const script = 'import("./lib/server/server-start.ts").then((m) => (m.startServer ?? m.default.startServer)())';
      execFile(
        join("node_modules", ".bin", "tsx"),
        ["--conditions=react-server", "-e", script],
        { encoding: "utf8", env },
        (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
      );
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toBe(`REDRIVE_CONFIG ${config}: clusters[1].brokers: expected at least one host:port\n`);
    expect(started.stdout).not.toContain("start-secret-42");
    expect(existsSync(join(dir, "data"))).toBe(false);
  }, 60_000);
});
