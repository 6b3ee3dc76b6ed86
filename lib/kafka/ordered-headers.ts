// Record headers in record order, duplicates and null values kept. kafkajs itself folds headers into an
// object; scripts/patch-kafkajs.mjs (run at install) makes it carry `headerList` both ways, and this is
// the typed door to it.
import { isUtf8 } from "node:buffer";
import type { KafkaMessage, Message } from "kafkajs";
import type { RecordHeader } from "@/lib/dlq/record-header";

type WithHeaderList = { headerList?: { key: string | Buffer; keyBytes?: Buffer | null; value: Buffer | null }[] };

/** The consumed record's headers exactly as they were written. */
export function orderedHeaders(message: KafkaMessage): RecordHeader[] {
  const list = (message as KafkaMessage & WithHeaderList).headerList;
  if (!list) throw new Error("kafkajs is not patched for ordered headers: run `node scripts/patch-kafkajs.mjs` (npm install does)");
  // kafkajs hands out Buffers that are slices of the fetched batch; they are used as they are (no copy per header
  // per record: the indexer reads every header of every record, and the rows are stored and dropped soon after).
  return list.map(({ key, keyBytes, value }) => {
    const header: RecordHeader = { key: String(key), value: value === null || Buffer.isBuffer(value) ? value : Buffer.from(value) };
    // The key as text is lossy only when its bytes are not UTF-8; then the bytes are what redelivery sends back.
    if (keyBytes && !isUtf8(keyBytes)) header.rawKey = Buffer.from(keyBytes);
    return header;
  });
}

/** A message to produce whose headers go out in exactly this order, duplicates and nulls included. */
export function withOrderedHeaders(message: Omit<Message, "headers">, headers: readonly RecordHeader[]): Message {
  return { ...message, headerList: headers.map(({ key, value, rawKey }) => ({ key: rawKey ?? key, value })) } as Message & WithHeaderList;
}
