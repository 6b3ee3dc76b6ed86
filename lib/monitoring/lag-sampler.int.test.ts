// Lag sampling against the real broker and both stores: a lagging group's total lag is stored once per slot (a second
// instance in the same slot reads nothing), the history query returns it, samples past the retention are pruned,
// and the DLQ inflow counts records per hour from what was indexed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import type { ClusterConfig } from "@/lib/config/clusters";
import { groupLagSample } from "@/lib/store/monitoring-schema";
import type { Store } from "@/lib/store/open-store";
import { seedDlqRows } from "@/test/dlq-fixtures";
import { openTestStore, storeBackends } from "@/test/store-backends";
import { dlqInflow, lagHistory } from "./history-queries";
import { pruneLagSamples, sampleGroupLag } from "./lag-sampler";

const backends = await storeBackends();
const seed = new KafkaSeed();
const cluster: ClusterConfig = {
  id: "default",
  name: "test",
  brokers: ["127.0.0.1:9092"],
  clientId: "redrive-lag-test",
  connectionTimeoutMs: 3_000,
  dlqPattern: /\.DLT$/,
};
const options = { intervalMs: 60_000, retentionMs: 7 * 86_400_000 };
const HOUR = 3_600_000;
let group = "";
let idle = "";

beforeAll(async () => {
  const topic = await seed.createTopic(uniqueName("lag-sampled"), 2);
  group = uniqueName("sampled-group");
  idle = uniqueName("never-committed");
  await seed.produce(topic, 0, 7);
  await seed.produce(topic, 1, 5);
  await seed.commitOffsets(group, topic, { 0: 2, 1: 5 });
  await seed.joinWithoutCommitting(idle, topic);
});
afterAll(() => seed.cleanup());

describe.each(backends)("lag sampling on $name", (backend) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(backend));
  });
  afterAll(() => dispose());

  it("stores each group's lag once per slot, charts it, and prunes what is past retention", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 8 * 86_400_000);
    const [written, again] = await Promise.all([
      sampleGroupLag(store, cluster, options, now),
      sampleGroupLag(store, cluster, options, now),
    ]);
    expect([written === null, again === null].sort()).toEqual([false, true]);
    expect(await sampleGroupLag(store, cluster, options, old)).toBeGreaterThan(0);

    const rows = (await store.db.select().from(groupLagSample)).filter((r) => r.groupId === group);
    expect(rows.map((r) => r.lag)).toEqual([5n, 5n]);
    // A member without a committed offset has no lag to chart.
    expect((await store.db.select().from(groupLagSample)).some((r) => r.groupId === idle)).toBe(false);

    const history = await lagHistory(store, "default", group, "1h", options.intervalMs, now);
    expect(history.points).toEqual([{ at: new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString(), lag: "5" }]);
    // Sampled once a minute, an hour is 60 buckets of a minute (not 240 of 15 s, three in four of them empty).
    expect(history.bucketSeconds).toBe(60);
    // Sampled every 3 s, it is 240 buckets of 15 s.
    expect((await lagHistory(store, "default", group, "1h", 3_000, now)).bucketSeconds).toBe(15);
    expect((await lagHistory(store, "default", group, "7d", options.intervalMs, now)).points).toHaveLength(1);

    await pruneLagSamples(store, cluster, options.retentionMs, now);
    const kept = (await store.db.select().from(groupLagSample)).filter((r) => r.groupId === group);
    expect(kept.map((r) => r.at.getTime())).toEqual([Math.floor(now.getTime() / 60_000) * 60_000]);
    // The pruned slot's claim went with it: that slot could be sampled again.
    expect(await sampleGroupLag(store, cluster, options, old)).not.toBeNull();
  });

  it("charts samples a minute apart in neighbouring buckets, which the line chart joins", async () => {
    const minute = 60_000;
    const base = Math.floor(Date.now() / minute) * minute + 10 * minute;
    for (const at of [base, base + minute, base + 2 * minute]) await sampleGroupLag(store, cluster, options, new Date(at));
    const history = await lagHistory(store, "default", group, "1h", options.intervalMs, new Date(base + 2 * minute + 5_000));
    const times = history.points.map((p) => Date.parse(p.at)).filter((t) => t >= base);
    expect(times).toEqual([base, base + minute, base + 2 * minute]);
    // The chart breaks its line where points are further apart than 2.5 buckets.
    expect(minute).toBeLessThanOrEqual(2.5 * history.bucketSeconds * 1000);
  });

  it("counts a DLQ's records per hour over the range, zero hours included", async () => {
    const topic = `${uniqueName("inflow")}.DLT`;
    const now = new Date();
    const thisHour = Math.floor(now.getTime() / HOUR) * HOUR;
    await seedDlqRows(store, { topic, exceptionClass: "com.shop.A", count: 3, timestampMs: thisHour + 1_000 });
    await seedDlqRows(store, { topic, exceptionClass: "com.shop.B", count: 2, timestampMs: thisHour - 5 * HOUR, firstOffset: 3 });
    await seedDlqRows(store, { topic, exceptionClass: "com.shop.C", count: 4, timestampMs: thisHour - 30 * HOUR, firstOffset: 5 });
    const day = await dlqInflow(store, "default", topic, "24h", now);
    expect(day.points).toHaveLength(24);
    expect(day.points.at(-1)).toEqual({ at: new Date(thisHour).toISOString(), count: "3" });
    expect(day.points.at(-6)).toEqual({ at: new Date(thisHour - 5 * HOUR).toISOString(), count: "2" });
    expect(day.points.reduce((sum, p) => sum + Number(p.count), 0)).toBe(5);
    const week = await dlqInflow(store, "default", topic, "7d", now);
    expect(week.points).toHaveLength(168);
    expect(week.points.reduce((sum, p) => sum + Number(p.count), 0)).toBe(9);
  });
});
