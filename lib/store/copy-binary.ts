// PostgreSQL's binary COPY format, for loading indexed records in bulk: no text escaping on our side and no
// parsing on the server's (a chunk sent as text arrays took more time to encode, send and parse than to insert).
// https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4

export type CopyType = "text" | "int4" | "int8" | "timestamptz" | "bytea" | "jsonb";
export type CopyValue = string | number | bigint | Date | Buffer | null;

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
// Microseconds between the Unix epoch and PostgreSQL's (2000-01-01).
const PG_EPOCH_US = 946_684_800_000_000n;
const JSONB_VERSION = 1;

function fieldSize(type: CopyType, value: CopyValue): number {
  if (value === null) return 0;
  switch (type) {
    case "int4":
      return 4;
    case "int8":
    case "timestamptz":
      return 8;
    case "bytea":
      return (value as Buffer).length;
    case "jsonb":
      return 1 + Buffer.byteLength(value as string);
    case "text":
      return Buffer.byteLength(value as string);
  }
}

/** One COPY ... (FORMAT binary) payload: a header, one tuple per row (values in `types` order), a trailer. */
export function encodeCopyBinary(types: readonly CopyType[], rows: readonly (readonly CopyValue[])[]): Buffer {
  // Sized exactly first, so the payload is one allocation however large the chunk.
  let size = SIGNATURE.length + 8 + 2;
  for (const row of rows) {
    size += 2;
    for (let i = 0; i < types.length; i++) size += 4 + fieldSize(types[i]!, row[i] ?? null);
  }
  const out = Buffer.allocUnsafe(size);
  let at = SIGNATURE.copy(out, 0);
  at = out.writeInt32BE(0, at); // flags: no OIDs
  at = out.writeInt32BE(0, at); // no header extension
  for (const row of rows) {
    at = out.writeInt16BE(types.length, at);
    for (let i = 0; i < types.length; i++) at = writeField(out, at, types[i]!, row[i] ?? null);
  }
  out.writeInt16BE(-1, at);
  return out;
}

function writeField(out: Buffer, at: number, type: CopyType, value: CopyValue): number {
  if (value === null) return out.writeInt32BE(-1, at);
  switch (type) {
    case "int4":
      at = out.writeInt32BE(4, at);
      return out.writeInt32BE(value as number, at);
    case "int8":
      at = out.writeInt32BE(8, at);
      return out.writeBigInt64BE(BigInt(value as bigint | number), at);
    case "timestamptz":
      at = out.writeInt32BE(8, at);
      return out.writeBigInt64BE(BigInt((value as Date).getTime()) * 1000n - PG_EPOCH_US, at);
    case "bytea": {
      const bytes = value as Buffer;
      at = out.writeInt32BE(bytes.length, at);
      return at + bytes.copy(out, at);
    }
    case "jsonb": {
      const length = Buffer.byteLength(value as string);
      at = out.writeInt32BE(1 + length, at);
      at = out.writeUInt8(JSONB_VERSION, at);
      return at + out.write(value as string, at, length, "utf8");
    }
    case "text": {
      const length = Buffer.byteLength(value as string);
      at = out.writeInt32BE(length, at);
      return at + out.write(value as string, at, length, "utf8");
    }
  }
}
