// The message API's preview of a redelivery is what the redelivery sends: for a custom header mapping, with
// REDRIVE_KEEP_FAILURE_HEADERS, and for SmallRye's headers, the headers the API marks as kept are exactly those read
// back from the target on the real broker (minus the x-redrive-* Redrive adds), in order, on both stores.
import { afterAll, describe, expect, it } from "vitest";
import { springDltRecord } from "@/e2e/support/dlq-records";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import { actorFor } from "@/lib/auth/actor";
import { dlqRow } from "@/lib/dlq/dlq-row";
import type { FailureHeaderRule } from "@/lib/dlq/redelivery";
import { assertTopicExists, produceRedelivery } from "@/lib/kafka/redeliver";
import { getMessage } from "@/lib/store/dlq-message-queries";
import { storeDlqRows } from "@/lib/store/dlq-messages";
import { messageToWire } from "@/lib/store/dlq-wire";
import { openStore } from "@/lib/store/open-store";
import { storeBackends } from "@/test/store-backends";
import { readTopic, testCluster } from "./jobs.fixture";
import { redeliver } from "./single-actions";
import { recordHeaders } from "@/test/dlq-fixtures";

const backends = await storeBackends();
const seed = new KafkaSeed();
afterAll(() => seed.cleanup());
const operator = actorFor("user", "u1", "olga", "operator", "127.0.0.1");

type Headers = readonly (readonly [string, Buffer | string | null])[];

const mapping = { name: "billing", originalTopic: "x-billing-topic", exceptionClass: "x-billing-error", message: "x-billing-reason" };
const spring = (target: string) => {
  const failure = { originalTopic: target, exceptionClass: "com.shop.Broken", message: "Order 1 broken" };
  return springDltRecord({ ...failure, value: "{}", extraHeaders: [["tenant", "acme"]] }).headers ?? [];
};

const cases: { name: string; rule: FailureHeaderRule; headers: (target: string) => Headers; kept: number }[] = [
  {
    name: "a custom mapping",
    rule: { customMappings: [mapping] },
    headers: (target) => [
      ["x-billing-topic", target],
      ["x-billing-error", "com.shop.Declined"],
      ["tenant", "acme"],
      ["x-billing-reason", "declined"],
      ["traceparent", "00-2"],
    ],
    kept: 2,
  },
  { name: "REDRIVE_KEEP_FAILURE_HEADERS", rule: { keepFailureHeaders: true }, headers: spring, kept: 10 },
  {
    name: "SmallRye headers",
    rule: {},
    headers: (target) => [
      ["dead-letter-exception-class-name", "com.shop.ParcelLost"],
      ["dead-letter-reason", "Parcel 9 lost"],
      ["dead-letter-cause", "timeout"],
      ["dead-letter-topic", target],
      ["dead-letter-partition", "0"],
      ["dead-letter-retry-count", "3"],
      ["traceparent", "00-3"],
      ["tenant", "acme"],
      ["x-redrive-count", "1"],
    ],
    kept: 2,
  },
];

describe.each(backends)("the redelivery preview on $name", (backend) => {
  it.each(cases)(
    "equals what is sent, for $name",
    async ({ rule, headers, kept: keptCount }) => {
      const target = await seed.createTopic(uniqueName("preview"), 1);
      const dlq = `${target}.DLT`;
      const row = dlqRow(
        {
          cluster: "default",
          topic: dlq,
          partition: 0,
          offset: 0n,
          timestampMs: 1_000n,
          key: Buffer.from("k"),
          value: Buffer.from("{}"),
          headers: recordHeaders(headers(target)),
        },
        rule.customMappings,
      );
      const storeTarget = await backend.create();
      const store = await openStore(storeTarget);
      try {
        await storeDlqRows(store, [row]);
        const stored = (await getMessage(store, "default", dlq, 0, 0n))!;
        const kept = messageToWire(stored, [], rule).headers.filter((h) => h.keptOnRedelivery);
        const preview = kept.map((h) => [h.key, h.value?.base64 ?? null]);
        expect(preview).toHaveLength(keptCount);

        await redeliver(
          {
            store,
            assertTopicExists: (t) => assertTopicExists(testCluster, t),
            produce: (t, m) => produceRedelivery(testCluster, t, m),
            ...rule,
          },
          { key: { cluster: "default", topic: dlq, partition: 0, offset: 0n }, actor: operator },
        );
        const [sent] = await readTopic(seed, target, 1);
        const received = sent!.headers.slice(0, -3).map((h) => [h.key, h.value?.toString("base64") ?? null]);
        expect(received).toEqual(preview);
        expect(sent!.headers.slice(-3).map((h) => h.key)).toEqual(["x-redrive-id", "x-redrive-source", "x-redrive-count"]);
      } finally {
        await store.close();
        await storeTarget.dispose();
      }
    },
    60_000,
  );
});
