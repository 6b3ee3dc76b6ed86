// Reads what Redrive redelivered to a topic: each record's x-redrive-id and x-redrive-source headers.
import { expect } from "@playwright/test";
import { uniqueName, type KafkaSeed } from "./kafka-seed";

export type Redelivery = { redriveId: string | undefined; source: string | undefined };

/** Every record of a topic once `expected` have arrived, after a little longer to catch extras. */
export async function readRedeliveries(seed: KafkaSeed, topic: string, expected: number): Promise<Redelivery[]> {
  const consumer = seed.kafka.consumer({ groupId: uniqueName("e2e-redeliveries-read") });
  const records: Redelivery[] = [];
  const header = (value: unknown) => (value === undefined ? undefined : String(value));
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) =>
        void records.push({ redriveId: header(message.headers?.["x-redrive-id"]), source: header(message.headers?.["x-redrive-source"]) }),
    });
    await expect.poll(() => records.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(expected);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  } finally {
    await consumer.disconnect();
  }
  return records;
}
