// Test fixtures: headers written the way Java producers write them, for the failure-parsing tests.
import type { RecordHeader } from "./record-header";

/** String.getBytes(UTF_8). */
export const str = (key: string, value: string): RecordHeader => ({ key, value: Buffer.from(value, "utf8") });

/** ByteBuffer.allocate(4).putInt(n). */
export const int = (key: string, n: number): RecordHeader => {
  const value = Buffer.alloc(4);
  value.writeInt32BE(n);
  return { key, value };
};

/** ByteBuffer.allocate(8).putLong(n). */
export const long = (key: string, n: bigint): RecordHeader => {
  const value = Buffer.alloc(8);
  value.writeBigInt64BE(n);
  return { key, value };
};
