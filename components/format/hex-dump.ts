// Hex renderings of raw bytes: the classic dump (offset | hex | ASCII) for binary values and a compact form for
// short header values.

export const HEX_DUMP_WIDTH = 16;

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/** Printable ASCII shows as itself; everything else (controls, DEL, bytes above 0x7f) as "." */
function asciiChar(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : ".";
}

export function hexDumpLineCount(byteLength: number): number {
  return Math.ceil(byteLength / HEX_DUMP_WIDTH);
}

/**
 * Line `line` of the dump: "00000010  7b 22 69 64 22 3a 20 31  32 33 7d 0a 00 ff fe 41  |{"id": 123}....A|".
 * One line at a time, so a viewer can format only the lines it shows.
 */
export function hexDumpLine(bytes: Uint8Array, line: number): string {
  const start = line * HEX_DUMP_WIDTH;
  const chunk = bytes.subarray(start, start + HEX_DUMP_WIDTH);
  const hex: string[] = [];
  let ascii = "";
  for (let i = 0; i < HEX_DUMP_WIDTH; i++) {
    const byte = chunk[i];
    hex.push(byte === undefined ? "  " : HEX[byte]!);
    if (byte !== undefined) ascii += asciiChar(byte);
    if (i === 7) hex.push("");
  }
  const offset = start.toString(16).padStart(8, "0");
  return `${offset}  ${hex.join(" ")}  |${ascii}|`;
}

/** The whole dump, one line per 16 bytes. */
export function hexDump(bytes: Uint8Array): string[] {
  return Array.from({ length: hexDumpLineCount(bytes.length) }, (_, line) => hexDumpLine(bytes, line));
}

/** Space-separated hex bytes ("00 ff 7b"), for header values and keys that are not text. */
export function formatHexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => HEX[byte]!).join(" ");
}
