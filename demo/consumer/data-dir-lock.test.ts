import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { lockDataDir } from "./data-dir-lock";

describe("the demo consumer's data directory lock", () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "demo-lock-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a directory another live process holds, and takes over one whose holder died", async () => {
    const dir = freshDir();
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    try {
      writeFileSync(join(dir, "redrive.lock"), String(holder.pid));
      expect(() => lockDataDir(dir)).toThrow(/in use by another demo consumer/);
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once("exit", resolve));
    }
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, "redrive.lock"), "utf8")).toBe(String(process.pid));
    release();
    expect(() => readFileSync(join(dir, "redrive.lock"))).toThrow();
  });
});
