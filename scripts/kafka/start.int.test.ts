// kafka:start on a machine without Java or Maven: a sentence saying what to install, not a stack trace.
import { spawnSync } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** A PATH holding the shell tools the script needs, and optionally java, but never mvn. */
function pathWithout({ java }: { java: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), "redrive-path-"));
  const tools = ["bash", "dirname", "cat", "seq", "grep", "ls", "mkdir", "rm", "sleep", "tail", "kill", "echo"];
  if (java) tools.push("java");
  for (const tool of tools) {
    const found = spawnSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
    if (found.startsWith("/")) symlinkSync(found, join(dir, tool));
  }
  return dir;
}

function start(env: Record<string, string>) {
  return spawnSync(join("/bin", "bash"), ["scripts/kafka/start.sh"], {
    encoding: "utf8",
    // A port nothing listens on, so the script does not find a running broker and stop early.
    env: { KAFKA_PORT: "19391", KAFKA_CONTROLLER_PORT: "19392", HOME: process.env.HOME ?? "/root", NODE_ENV: "test", ...env },
  });
}

describe("kafka:start", () => {
  it("names Java when it is missing", () => {
    const result = start({ PATH: pathWithout({ java: false }) });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Java is not installed");
    expect(result.stderr).not.toMatch(/at \w+\.\w+\(/);
  });

  it("names Maven when the jars still need downloading and it is missing", () => {
    const result = start({ PATH: pathWithout({ java: true }), KAFKA_VERSION: "0.0.0-not-downloaded" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Maven is needed once to download Kafka 0.0.0-not-downloaded");
  });

  it("refuses a node count it cannot make a quorum of", () => {
    const result = start({ PATH: process.env.PATH ?? "", KAFKA_NODES: "2" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('KAFKA_NODES must be 1 or 3 (got "2")');
  });
});

describe("kafka:status of a three-node cluster", () => {
  it("names each node that does not answer, and exits 1", () => {
    const result = spawnSync("bash", ["scripts/kafka/status.sh"], {
      encoding: "utf8",
      env: { ...process.env, KAFKA_NODES: "3", KAFKA_PORT: "19381" },
    });
    expect(result.status).toBe(1);
    expect(result.stdout.trim().split("\n")).toEqual([
      "Node 1: no broker answers on 127.0.0.1:19381.",
      "Node 2: no broker answers on 127.0.0.1:19382.",
      "Node 3: no broker answers on 127.0.0.1:19383.",
    ]);
  });
});
