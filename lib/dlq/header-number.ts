// Numbers read from header bytes, written either as Spring's big-endian binary or as decimal text.

export type NumberEncoding = "binary" | "decimal";

const INT32_MAX = 2_147_483_647n;
const INT64_MAX = 9_223_372_036_854_775_807n;
// The widest instant a JS Date can hold; larger "timestamps" are garbage, not dates.
const MAX_DATE_MS = 8_640_000_000_000_000n;

// Leading zeros are stripped before the length check so "007" parses but a 1 MB digit run is never fed to BigInt.
const DECIMAL = /^\s*(-?)0*(\d{1,19})\s*$/;

/** The value as a signed integer when its bytes are decimal text, else null. */
function decimalValue(value: Buffer): bigint | null {
  if (value.length > 64) return null;
  const match = DECIMAL.exec(value.toString("latin1"));
  if (!match) return null;
  const [, sign = "", digits = "0"] = match;
  return BigInt(sign + digits);
}

/**
 * Decimal text is tried first even for binary conventions: a binary int whose four bytes are all
 * ASCII digits would be a partition above 800 million, so the two readings never really collide.
 */
function integerValue(value: Buffer | null, encoding: NumberEncoding, binaryWidths: readonly number[]): bigint | null {
  if (value === null) return null;
  const decimal = decimalValue(value);
  if (decimal !== null || encoding === "decimal") return decimal;
  if (!binaryWidths.includes(value.length)) return null;
  return value.length === 8 ? value.readBigInt64BE(0) : BigInt(value.readIntBE(0, value.length));
}

function inRange(n: bigint | null, max: bigint): n is bigint {
  return n !== null && n >= 0n && n <= max;
}

/** A partition: a 4-byte int in binary. Negative (Kafka's "unknown") is null. */
export function readPartition(value: Buffer | null, encoding: NumberEncoding): number | null {
  const n = integerValue(value, encoding, [4]);
  return inRange(n, INT32_MAX) ? Number(n) : null;
}

/** An offset as a decimal string, so values above 2^53 stay exact. */
export function readOffset(value: Buffer | null, encoding: NumberEncoding): string | null {
  const n = integerValue(value, encoding, [8]);
  return inRange(n, INT64_MAX) ? n.toString() : null;
}

/** Milliseconds since the epoch (an 8-byte long in binary) as ISO UTC; Kafka's -1 "no timestamp" is null. */
export function readTimestamp(value: Buffer | null, encoding: NumberEncoding): string | null {
  const n = integerValue(value, encoding, [8]);
  return inRange(n, MAX_DATE_MS) ? new Date(Number(n)).toISOString() : null;
}

/**
 * A count such as delivery attempts. Spring wrote `retry_topic-attempts` as a one-byte
 * BigInteger before switching to a 4-byte int, so binary widths 1 to 4 are all read.
 */
export function readCount(value: Buffer | null, encoding: NumberEncoding): number | null {
  const n = integerValue(value, encoding, [1, 2, 3, 4]);
  return inRange(n, INT32_MAX) ? Number(n) : null;
}
