// The cluster configuration read again while the server runs: a cluster added to the file starts its indexer, one
// removed stops it (its stored records stay), a changed one restarts with its new settings, SIGHUP reloads as well, and
// a bad file is refused with one log line naming the path and the field while the running clusters stay.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { springDltRecord } from "@/e2e/support/dlq-records";
import { KafkaSeed, TEST_BROKERS, uniqueName } from "@/e2e/support/kafka-seed";
import { ensureSecondKafka, SECOND_BROKERS } from "@/test/second-kafka";

const dir = mkdtempSync(join(tmpdir(), "redrive-cluster-reload-"));
const CONFIG = join(dir, "redrive.yaml");
process.env.REDRIVE_DATA_DIR = join(dir, "data");
process.env.REDRIVE_CONFIG = CONFIG;
delete process.env.DATABASE_URL;

const firstDlq = `${uniqueName("reload-first")}.DLT`;
const secondDlq = `${uniqueName("reload-second")}.DLT`;
const exactly = (topic: string) => `'^${topic.replace(/\./g, "\\.")}$'`;
const defaultCluster = `  - id: default
    brokers: [${TEST_BROKERS.map((b) => `"${b}"`).join(", ")}]
    dlqPattern: ${exactly(firstDlq)}
    lagSampling: false
`;
const secondCluster = (name = "Second") => `  - id: second
    name: ${name}
    brokers: ["${SECOND_BROKERS[0]}"]
    dlqPattern: ${exactly(secondDlq)}
    jobs: false
    lagSampling: false
`;
const writeConfig = (...clusters: string[]) => writeFileSync(CONFIG, `clusters:\n${clusters.join("")}`);
writeConfig(defaultCluster);

const pino = (await import("pino")).default;
const { log } = await import("@/lib/log");
const { getCluster, listClusters } = await import("@/lib/config/clusters");
const { clusterContext, serverContext } = await import("./context");
const { runClusters, stopClusters } = await import("./cluster-lifecycle");
const { reloadClusterConfig, unwatchClusterConfig, watchClusterConfig } = await import("./config-watch");
const { indexerStatus } = await import("./indexer-running");
const { dlqMessage } = await import("@/lib/store/dlq-schema");
const { and, eq } = await import("drizzle-orm");

const logged: string[] = [];
const stream = (log as unknown as Record<symbol, { write(line: string): unknown }>)[pino.symbols.streamSym]!;
const write = stream.write.bind(stream);
stream.write = (line: string) => (logged.push(line), write(line));

const seed = new KafkaSeed(SECOND_BROKERS);

async function until<T>(what: string, read: () => T | Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 120; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting until ${what}`);
}

async function storedOnSecond(): Promise<number> {
  const { store } = await serverContext();
  const rows = await store.db
    .select({ offset: dlqMessage.offset })
    .from(dlqMessage)
    .where(and(eq(dlqMessage.cluster, "second"), eq(dlqMessage.topic, secondDlq)));
  return rows.length;
}

beforeAll(async () => {
  await ensureSecondKafka();
  await seed.createTopic(secondDlq, 1);
  await seed.produceRecords(secondDlq, [
    springDltRecord({ originalTopic: "orders", exceptionClass: "com.shop.Reloaded", message: "added later", value: "r-1" }),
  ]);
  runClusters(await serverContext());
  watchClusterConfig(CONFIG);
}, 120_000);

afterAll(async () => {
  unwatchClusterConfig();
  await stopClusters(await serverContext());
  await seed.cleanup();
});

describe("reloading REDRIVE_CONFIG", () => {
  it("starts a cluster added to the file, and stops one removed from it (its records stay)", async () => {
    expect(listClusters().map((c) => c.id)).toEqual(["default"]);
    expect(indexerStatus("second")).toEqual({ state: "off" });
    await expect(clusterContext("second")).rejects.toMatchObject({ kind: "not_found" });

    writeConfig(defaultCluster, secondCluster());
    await until(
      "the second cluster's indexer runs",
      () => indexerStatus("second").state,
      (state) => state === "indexing",
    );
    expect(getCluster("second").settings.runs).toEqual({ indexer: true, jobs: false, lagSampling: false });
    expect((await clusterContext("second")).cluster.brokers).toEqual([SECOND_BROKERS[0]]);
    await until("its DLQ is stored", storedOnSecond, (n) => n === 1);

    writeConfig(defaultCluster);
    await until(
      "the second cluster's indexer stops",
      () => indexerStatus("second").state,
      (state) => state === "off",
    );
    expect(listClusters().map((c) => c.id)).toEqual(["default"]);
    expect(indexerStatus("default").state).not.toBe("off");
    expect(await storedOnSecond()).toBe(1);
    await until(
      "the reload is logged",
      () => logged.some((line) => line.includes('"clusters reloaded"') && line.includes('"removed":["second"]')),
      Boolean,
    );
  });

  it("rebuilds a changed cluster's context, and reloads on SIGHUP", async () => {
    unwatchClusterConfig();
    watchClusterConfig(undefined);
    writeConfig(defaultCluster, secondCluster("Before"));
    process.kill(process.pid, "SIGHUP");
    await until(
      "SIGHUP adds the cluster",
      () => listClusters().map((c) => c.id),
      (ids) => ids.includes("second"),
    );
    const before = await clusterContext("second");
    expect(before.cluster.name).toBe("Before");

    writeConfig(defaultCluster, secondCluster("After"));
    expect(reloadClusterConfig()).toBe(true);
    const after = await clusterContext("second");
    expect(after.cluster.name).toBe("After");
    expect(after).not.toBe(before);
    expect(after.kafka.jobs).not.toBe(before.kafka.jobs);
    await until(
      "the changed cluster's indexer runs again",
      () => indexerStatus("second").state,
      (state) => state === "indexing",
    );
  });

  it("refuses a bad file with one line naming the path and the field, and keeps the running clusters", async () => {
    const running = listClusters();
    const lines = logged.length;
    writeConfig(defaultCluster, `  - id: broken\n    brokers: []\n`);
    expect(reloadClusterConfig()).toBe(false);
    expect(listClusters()).toBe(running);
    const refusals = logged.slice(lines).filter((line) => line.includes("REDRIVE_CONFIG"));
    expect(refusals).toHaveLength(1);
    expect(JSON.parse(refusals[0]!)).toMatchObject({
      level: 50,
      msg: `REDRIVE_CONFIG ${CONFIG}: clusters[1].brokers: expected at least one host:port (refused; the running clusters are kept)`,
    });
    expect(indexerStatus("second").state).toBe("indexing");
  });
});
