// Test fixtures: header values written the way Java producers write them, for parsing tests and for seeding a
// broker with DLQ records.
import type { RecordHeader } from "./record-header";

/** ByteBuffer.allocate(4).putInt(n). */
export const javaInt = (n: number): Buffer => {
  const value = Buffer.alloc(4);
  value.writeInt32BE(n);
  return value;
};

/** ByteBuffer.allocate(8).putLong(n). */
export const javaLong = (n: bigint): Buffer => {
  const value = Buffer.alloc(8);
  value.writeBigInt64BE(n);
  return value;
};

/** String.getBytes(UTF_8). */
export const str = (key: string, value: string): RecordHeader => ({ key, value: Buffer.from(value, "utf8") });

export const int = (key: string, n: number): RecordHeader => ({ key, value: javaInt(n) });

export const long = (key: string, n: bigint): RecordHeader => ({ key, value: javaLong(n) });
