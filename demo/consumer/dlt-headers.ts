// The headers Spring Kafka's DeadLetterPublishingRecoverer writes on a dead-letter record, with its exact names
// and Java encodings (partition a 4-byte big-endian int, offset and timestamp 8-byte big-endian longs), so
// any DLQ tool that knows Spring reads why and where a record failed.

export interface Header {
  key: string;
  value: Buffer;
}

export interface DltFailure {
  originalTopic: string;
  originalPartition: number;
  originalOffset: bigint;
  /** ms since the epoch */
  originalTimestamp: bigint;
  consumerGroup: string;
  exceptionClass: string;
  causeClass: string | null;
  message: string;
  stacktrace: string;
  attempts: number;
}

/** ByteBuffer.allocate(4).putInt(n) */
export function javaInt(n: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeInt32BE(n);
  return bytes;
}

/** ByteBuffer.allocate(8).putLong(n) */
export function javaLong(n: bigint): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(n);
  return bytes;
}

const text = (key: string, value: string): Header => ({ key, value: Buffer.from(value, "utf8") });

export function dltHeaders(failure: DltFailure): Header[] {
  return [
    text("kafka_dlt-original-topic", failure.originalTopic),
    { key: "kafka_dlt-original-partition", value: javaInt(failure.originalPartition) },
    { key: "kafka_dlt-original-offset", value: javaLong(failure.originalOffset) },
    { key: "kafka_dlt-original-timestamp", value: javaLong(failure.originalTimestamp) },
    text("kafka_dlt-original-timestamp-type", "CreateTime"),
    text("kafka_dlt-original-consumer-group", failure.consumerGroup),
    text("kafka_dlt-exception-fqcn", failure.exceptionClass),
    ...(failure.causeClass ? [text("kafka_dlt-exception-cause-fqcn", failure.causeClass)] : []),
    text("kafka_dlt-exception-message", failure.message),
    text("kafka_dlt-exception-stacktrace", failure.stacktrace),
    // Spring's attempt count (retry topics write it on the DLT record too), so the console shows how many were made.
    { key: "retry_topic-attempts", value: javaInt(failure.attempts) },
  ];
}
