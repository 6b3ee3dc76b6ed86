// A 3 MiB value through the real broker, the server's indexer and the message API: the API inlines its first MiB
// (truncated, with the full size) and the download route gives every byte.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import type { DlqMessageDetails } from "@/lib/contract/schemas";
import { callGet } from "@/test/api-client";

process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-large-value-"));
delete process.env.DATABASE_URL;

const { getCluster } = await import("@/lib/config/clusters");
const { clusterDlqIndexer } = await import("@/lib/indexing/cluster-indexer");
const { getStore } = await import("@/lib/store/store");
const detailsRoute = await import("./route");
const valueRoute = await import("./value/route");

const MiB = 1024 * 1024;
const seed = new KafkaSeed();
const topic = `${uniqueName("large")}.DLT`;
// Text with a three-byte character across the 1 MiB line, so the cut must not split it.
const value = Buffer.concat([Buffer.alloc(MiB - 1, "a"), Buffer.from("€"), Buffer.alloc(2 * MiB, "b")]);
let offset = "";
let indexer: ReturnType<typeof clusterDlqIndexer>;

const params = () => ({ cluster: "default", topic, partition: "0", offset });

beforeAll(async () => {
  await seed.createTopic(topic, 1, { "max.message.bytes": String(8 * MiB) });
  [{ offset }] = (await seed.produceRecords(topic, [{ key: "big", value }])) as [{ partition: number; offset: string }];
  const cluster = { ...getCluster("default"), dlqPattern: new RegExp(`^${topic.replace(/\./g, "\\.")}$`) };
  indexer = clusterDlqIndexer({ cluster, store: await getStore(), groupId: uniqueName("large-indexer") });
  await indexer.start();
  for (let i = 0; i < 120; i++) {
    if ((await callGet(detailsRoute.GET, "/x", params())).status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the record was not indexed");
}, 60_000);

afterAll(async () => {
  await indexer?.stop();
  await seed.cleanup();
});

it("inlines the first MiB of a 3 MiB value, with its size, and downloads all of it byte for byte", async () => {
  const response = await callGet(detailsRoute.GET, "/x", params());
  expect(response.status).toBe(200);
  const body = (await response.json()) as DlqMessageDetails;
  expect(body.value).toMatchObject({ truncated: true, size: value.length, encoding: "text" });
  const inlined = Buffer.from(body.value!.base64, "base64");
  expect(inlined.length).toBe(MiB);
  expect(inlined.equals(value.subarray(0, MiB))).toBe(true);
  // The text stops before the character the cut went through.
  expect(body.value!.text).toBe("a".repeat(MiB - 1));

  const download = await callGet(valueRoute.GET, "/x", params());
  expect(download.status).toBe(200);
  expect(download.headers.get("content-length")).toBe(String(value.length));
  expect(Buffer.from(await download.arrayBuffer()).equals(value)).toBe(true);
}, 30_000);
