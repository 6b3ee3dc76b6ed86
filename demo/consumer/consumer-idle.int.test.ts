// The consumer worker with nothing to consume: healthy, nearly no CPU (no busy loop), and quiet logs.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DemoProcess, type ProcessedAnswer } from "@/e2e/support/demo-processes";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";

const seed = new KafkaSeed();
const dataDir = mkdtempSync(join(tmpdir(), "demo-consumer-idle-"));
const group = uniqueName("demo-idle-group");
let consumer: DemoProcess | undefined;

afterAll(async () => {
  consumer?.kill("SIGKILL");
  const admin = await seed.connectedAdmin();
  await admin.deleteGroups([group]).catch(() => undefined);
  await seed.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

/** User + system CPU time of a process, in seconds (Linux: /proc/<pid>/stat, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

describe("the consumer worker, idle", () => {
  it("stays healthy and idle with nothing to consume: under 10% of a core, no warnings or errors, few log lines", async () => {
    const topic = await seed.createTopic(uniqueName("demo-idle"), 2);
    await seed.createTopic(`${topic}.DLT`, 2);
    consumer = await DemoProcess.start("consumer", {
      DEMO_CONSUMER_TOPICS: `${topic}=banner`,
      DEMO_CONSUMER_GROUP: group,
      DEMO_CONSUMER_DATA_DIR: dataDir,
      DEMO_CONSUMER_SESSION_TIMEOUT_MS: "6000",
    });
    // Let start-up (module loading, the join) settle before measuring.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const logsBefore = consumer.logs.length;
    const cpuBefore = cpuSeconds(consumer.pid);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const cpu = cpuSeconds(consumer.pid) - cpuBefore;

    expect(cpu).toBeLessThan(1);
    const idleLogs = consumer.logs.slice(logsBefore);
    expect(idleLogs.length).toBeLessThanOrEqual(2);
    expect(consumer.logs.filter((l) => l.level >= 40)).toEqual([]);
    expect(consumer.otherOutput).toEqual([]);
    expect((await consumer.json<{ status: string }>("/health")).body.status).toBe("ok");

    const started = performance.now();
    const answer = await consumer.json<ProcessedAnswer>(`/processed?topic=${topic}&key=anything`);
    expect(performance.now() - started).toBeLessThan(500);
    expect(answer.body).toEqual({ count: 0, records: [] });
  });
});
