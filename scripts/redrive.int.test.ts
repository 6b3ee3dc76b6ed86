// The admin CLI against a real embedded store: create a user and a token, list, verify the audit log, and
// refuse — with a sentence, not a stack trace — while another process holds the store.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dataDir = mkdtempSync(join(tmpdir(), "redrive-cli-"));

function cli(args: string[], input = "") {
  const result = spawnSync(join("node_modules", ".bin", "tsx"), ["scripts/redrive.ts", ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, REDRIVE_DATA_DIR: dataDir, DATABASE_URL: "" },
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

describe("npm run redrive", () => {
  it("creates a user and a token, lists it without the secret, and verifies the audit log", () => {
    expect(cli(["user", "create", "--username", "alice", "--role", "operator"], "alice-password-123\n")).toMatchObject({
      status: 0,
      out: 'Created operator "alice".\n',
    });
    const created = cli(["token", "create", "--name", "nightly", "--role", "viewer"]);
    expect(created.status).toBe(0);
    const token = created.out.match(/rdv_[A-Za-z0-9_-]{43}/)?.[0];
    expect(token).toBeDefined();

    const listed = cli(["token", "list"]);
    expect(listed.out).toContain("nightly  viewer");
    expect(listed.out).not.toContain(token);
    expect(cli(["audit", "verify"])).toMatchObject({ status: 0, out: expect.stringContaining("Audit log intact: 2 entries") });
  }, 60_000);

  it("names the field when input is wrong", () => {
    expect(cli(["user", "create", "--username", "bob", "--role", "admin"], "short\n")).toMatchObject({ status: 2, err: "password: at least 12 characters\n" });
    expect(cli(["token", "create", "--name", "x", "--role", "root"])).toMatchObject({ status: 2, err: expect.stringMatching(/^role: /) });
    expect(cli(["frobnicate"])).toMatchObject({ status: 2, err: expect.stringContaining('unknown command "frobnicate"') });
  }, 60_000);

  it("refuses while another live process holds the embedded store", () => {
    const holder = spawn("sleep", ["30"]);
    try {
      writeFileSync(join(dataDir, "redrive.lock"), String(holder.pid));
      const refused = cli(["token", "list"]);
      expect(refused.status).toBe(2);
      expect(refused.err).toContain(`in use by another Redrive process (pid ${holder.pid})`);
      expect(refused.err).not.toMatch(/\n\s+at /);
    } finally {
      holder.kill("SIGKILL");
    }
  }, 60_000);
});
