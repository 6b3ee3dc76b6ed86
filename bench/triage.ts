// Single redeliver latency: POST …/redeliver against `next start` for messages already in the store, each to a
// real topic on the local broker, timed end to end (claim, produce with acks=-1, status + audit entry); then one
// edit of every line of a 50,000-line JSON value, whose diff is past the audit's budget.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { springDltRecord } from "@/e2e/support/dlq-records";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { dlqRow } from "@/lib/dlq/dlq-row";
import { storeDlqRows } from "@/lib/store/dlq-messages";
import { openStore } from "@/lib/store/open-store";
import { BenchServer, brokers, fmtMs, stats, verdict } from "./support";

const MESSAGES = 40;
const TARGET_MS = 150;
const HUGE_EDIT_TARGET_MS = 2_000;

/** `{"k0": 0, …}` over 50,000 lines; each shift changes every line. */
const hugeJson = (shift: number) => `{\n${Array.from({ length: 50_000 }, (_, i) => `  "k${i}": ${i + shift}`).join(",\n")}\n}`;

export async function benchTriage(): Promise<void> {
  const seed = new KafkaSeed(brokers);
  const target = await seed.createTopic(uniqueName("bench-target"), 1);
  const hugeTarget = await seed.createTopic(uniqueName("bench-huge-target"), 1, { "max.message.bytes": "4194304" });
  const dlq = `${target}.DLT`;
  const dataDir = mkdtempSync(join(tmpdir(), "redrive-bench-triage-"));
  const store = await openStore({ dataDir });
  const record = springDltRecord({
    originalTopic: target,
    exceptionClass: "com.shop.Failure",
    message: "Order 1 failed",
    key: "o-1",
    value: JSON.stringify({ orderId: 1, note: "x".repeat(400) }),
  });
  await storeDlqRows(
    store,
    Array.from({ length: MESSAGES + 2 }, (_, i) =>
      dlqRow({
        cluster: "default",
        topic: dlq,
        partition: 0,
        offset: BigInt(i),
        timestampMs: BigInt(Date.now()),
        key: Buffer.from("o-1"),
        value: Buffer.from(record.value as string),
        headers: (record.headers ?? []).map(([k, v]) => ({ key: k, value: v === null ? null : Buffer.from(v) })),
      }),
    ),
  );
  const huge = { cluster: "default", topic: dlq, partition: 0, offset: BigInt(MESSAGES + 2), timestampMs: BigInt(Date.now()) };
  await storeDlqRows(store, [dlqRow({ ...huge, key: Buffer.from("o-1"), value: Buffer.from(hugeJson(0)), headers: [] })]);
  await store.close();
  const server = await BenchServer.start({ REDRIVE_DATA_DIR: dataDir, REDRIVE_INDEXER: "false" });
  try {
    const post = (offset: number) => server.post(`/api/clusters/default/dlqs/${dlq}/messages/0/${offset}/redeliver`, {});
    // Two warm-ups: the producer's first connection and metadata.
    await post(MESSAGES);
    await post(MESSAGES + 1);
    const samples: number[] = [];
    for (let i = 0; i < MESSAGES; i++) samples.push(await post(i));
    const { median, p95, max } = stats(samples);
    console.log(`\nSingle redeliver against next start (PGlite store, local broker), ${MESSAGES} messages one after another:`);
    console.log(`  POST …/redeliver                             median ${fmtMs(median)}   p95 ${fmtMs(p95)}   max ${fmtMs(max)}`);
    verdict("single redeliver median", median, TARGET_MS);
    const edit = { targetTopic: hugeTarget, edit: { value: { text: hugeJson(1) } } };
    const hugeMs = await server.post(`/api/clusters/default/dlqs/${dlq}/messages/0/${MESSAGES + 2}/redeliver`, edit);
    const bodyKiB = (JSON.stringify(edit).length / 1024).toFixed(0);
    console.log(`  edit every line of a 50,000-line JSON value   ${fmtMs(hugeMs)}   (${bodyKiB} KiB body)`);
    verdict("edit-and-redeliver of 50,000 changed lines", hugeMs, HUGE_EDIT_TARGET_MS);
  } finally {
    await server.stop();
    await seed.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
