// Record headers in record order, duplicates and null values kept. Stock kafkajs folds them into an object;
// scripts/patch-kafkajs.mjs (run by npm install) adds `headerList` both ways, and this is the typed door to it.
import type { KafkaMessage, Message } from "kafkajs";

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

type WithHeaderList = { headerList?: RecordHeader[] };

export function consumedHeaders(message: KafkaMessage): RecordHeader[] {
  const list = (message as KafkaMessage & WithHeaderList).headerList;
  if (!list) throw new Error("kafkajs is not patched for ordered headers: run `node scripts/patch-kafkajs.mjs` (npm install does)");
  return list.map(({ key, value }) => ({ key, value: value === null ? null : Buffer.from(value) }));
}

export function messageWithHeaders(message: Omit<Message, "headers">, headers: readonly RecordHeader[]): Message {
  return { ...message, headerList: headers.map(({ key, value }) => ({ key, value })) } as Message & WithHeaderList;
}

/** Kafka's Headers.lastHeader: the last occurrence of a repeated header is the current one. */
export function lastHeaderText(headers: readonly RecordHeader[], key: string): string | null {
  for (let i = headers.length - 1; i >= 0; i--) {
    const header = headers[i]!;
    if (header.key === key) return header.value === null ? null : header.value.toString("utf8");
  }
  return null;
}
