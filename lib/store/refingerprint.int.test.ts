// Fingerprinting stored records again after a normalisation change, on PGlite and PostgreSQL: records indexed with
// an older normalisation (their fingerprints written as that version wrote them) join the groups new records get,
// with counts per status and the hourly trend rebuilt, and other DLQs are left alone.
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { failureFingerprint } from "@/lib/dlq/fingerprint";
import { openTestStore, storeBackends } from "@/test/store-backends";
import { rebuildFailureGroups, storeDlqRows } from "./dlq-messages";
import { failureGroups } from "./dlq-queries";
import { resolveMessage } from "./dlq-status";
import type { Store } from "./open-store";
import { refingerprintDlq, storedDlqs } from "./refingerprint";

const backends = await storeBackends();
const HOUR = 3_600_000n;

/** A Spring DLT record whose failure is `message`, in hour `hour` of the test's day. */
function record(topic: string, offset: number, message: string, hour: number) {
  const header = (key: string, value: string) => ({ key, value: Buffer.from(value) });
  return dlqRow({
    cluster: "default",
    topic,
    partition: offset % 2,
    offset: BigInt(offset),
    timestampMs: 1_790_000_000_000n + BigInt(hour) * HOUR,
    key: null,
    value: Buffer.from("{}"),
    headers: [
      header("kafka_dlt-exception-fqcn", "com.ads.CreativeRejected"),
      header("kafka_dlt-exception-message", message),
      header("kafka_dlt-original-topic", "creatives"),
    ],
  });
}

describe.each(backends)("refingerprintDlq on $name", (backend) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ store, dispose } = await openTestStore(backend)));
  afterEach(() => dispose());

  it("regroups records fingerprinted by an older normalisation, keeping their statuses in the counts", async () => {
    const sizes = ["970x250", "300x600", "728x90", "160x600"];
    await storeDlqRows(
      store,
      sizes.map((size, i) => record("ads.DLT", i, `creative ${size} rejected`, i)),
    );
    await storeDlqRows(store, [record("other.DLT", 0, "creative 1x1 rejected", 0)]);
    // As an older version stored them: before "970x250" normalised to "<n>x<n>", each size was a group of its own.
    await store.db.execute(sql`update dlq_message set fingerprint = 'old-' || "offset"::text where topic = 'ads.DLT' and "offset" < 3`);
    await store.db.execute(sql`update dlq_message set fingerprint = 'untouched' where topic = 'other.DLT'`);
    await rebuildFailureGroups(store, "default", "ads.DLT");
    await store.db.transaction((tx) => resolveMessage(tx, { cluster: "default", topic: "ads.DLT", partition: 1, offset: 1n }, "discarded"));
    expect((await failureGroups(store, "default", "ads.DLT")).groups).toHaveLength(4);

    expect(await storedDlqs(store, { topic: "ads.DLT" })).toEqual([{ cluster: "default", topic: "ads.DLT" }]);
    expect(await refingerprintDlq(store, "default", "ads.DLT")).toEqual({ cluster: "default", topic: "ads.DLT", records: 4, changed: 3 });

    const [group, ...others] = (await failureGroups(store, "default", "ads.DLT", { now: new Date(Number(1_790_000_000_000n + 5n * HOUR)) }))
      .groups;
    expect(others).toHaveLength(0);
    expect(group).toMatchObject({
      fingerprint: failureFingerprint({
        exceptionClass: "com.ads.CreativeRejected",
        message: "creative 970x250 rejected",
        originalTopic: "creatives",
      }),
      reason: "creative <n>x<n> rejected",
      count: 4,
      pending: 3,
    });
    const counts = await store.db.execute(sql`select discarded, redelivered from dlq_failure_group where topic = 'ads.DLT'`);
    expect(
      (counts as unknown as { rows: { discarded: number | string; redelivered: number | string }[] }).rows.map((r) => [
        Number(r.discarded),
        Number(r.redelivered),
      ]),
    ).toEqual([[1, 0]]);
    // One record an hour, the last in the current hour of the trend.
    expect(group!.trend.slice(-6)).toEqual([1, 1, 1, 1, 0, 0]);
    // Another DLQ is not touched; a second pass finds nothing to change.
    const other = await store.db.execute(sql`select fingerprint from dlq_message where topic = 'other.DLT'`);
    expect((other as unknown as { rows: { fingerprint: string }[] }).rows).toEqual([{ fingerprint: "untouched" }]);
    expect(await refingerprintDlq(store, "default", "ads.DLT")).toMatchObject({ records: 4, changed: 0 });
  });

  it("reads a DLQ of more records than one batch", async () => {
    await storeDlqRows(
      store,
      Array.from({ length: 12_001 }, (_, i) => record("big.DLT", i, `creative ${i + 1}x${i + 1} rejected`, 0)),
    );
    await store.db.execute(sql`update dlq_message set fingerprint = 'old' where topic = 'big.DLT' and "offset" % 1000 = 0`);
    expect(await refingerprintDlq(store, "default", "big.DLT")).toEqual({
      cluster: "default",
      topic: "big.DLT",
      records: 12_001,
      changed: 13,
    });
    const { groups } = await failureGroups(store, "default", "big.DLT");
    expect(groups.map((g) => g.count)).toEqual([12_001]);
  });
});
