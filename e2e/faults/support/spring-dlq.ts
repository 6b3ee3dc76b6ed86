// The DLQ most scenarios work on: `count` Spring DLT records on `${target}.DLT`, failed out of `target`, spread over
// `partitions` partitions of each topic. Both topics are new, so every record's source follows from its place.
import { springDltRecord } from "../../support/dlq-records";
import type { KafkaSeed } from "../../support/kafka-seed";

export async function seedSpringDlq(
  seed: KafkaSeed,
  target: string,
  count: number,
  partitions: number,
): Promise<{ dlq: string; sources: string[] }> {
  await seed.createTopic(target, partitions);
  const dlq = await seed.createTopic(`${target}.DLT`, partitions);
  const records = Array.from({ length: count }, (_, i) =>
    springDltRecord({
      originalTopic: target,
      exceptionClass: "com.shop.OrderNotFound",
      message: `Order ${i} not found`,
      key: `order-${i}`,
      value: JSON.stringify({ orderId: i }),
      partition: i % partitions,
    }),
  );
  await seed.produceMany(dlq, records);
  // A fresh topic's offsets start at 0, and each partition got every `partitions`-th record.
  return { dlq, sources: records.map((_, i) => `${dlq}/${i % partitions}/${Math.floor(i / partitions)}`) };
}
