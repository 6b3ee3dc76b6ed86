// Wire bytes (base64) for display: decoding a bounded prefix, reading it as text, and sizes people can read.

/** How much of a value the message page renders; the rest is a download. */
export const VALUE_DISPLAY_LIMIT = 1024 * 1024;

/** The first `maxBytes` bytes of base64 data (all of it when absent), decoding only what is needed. */
export function base64Bytes(base64: string, maxBytes = Infinity): Uint8Array {
  const clean = base64.replace(/=+$/, "");
  const chars = Number.isFinite(maxBytes) ? Math.min(clean.length, Math.ceil(maxBytes / 3) * 4) : clean.length;
  const slice = clean.slice(0, chars);
  const binary = atob(slice + "=".repeat((4 - (slice.length % 4)) % 4));
  const length = Math.min(binary.length, maxBytes);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Bytes read as UTF-8, dropping a multi-byte character cut off at the end (the bytes may be a prefix). */
export function utf8Prefix(bytes: Uint8Array): string {
  // stream: true holds back an incomplete sequence at the end instead of printing U+FFFD for it;
  // ignoreBOM keeps a leading BOM, so the text is the bytes that are there.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes, { stream: true });
}

/** Decoded byte count of base64 data, without decoding it. */
export function base64ByteLength(base64: string): number {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

// C0 controls other than tab, line feed and carriage return, and DEL: valid UTF-8, but not text anyone wrote
// (a 4-byte big-endian partition number is "\0\0\0\u0003").
const CONTROL = /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f]/;

/** Text that is better read as hex: it holds control characters that would render as nothing or as boxes. */
export function looksBinary(text: string): boolean {
  return CONTROL.test(text);
}

const UNITS = ["B", "KiB", "MiB", "GiB"] as const;

/** "512 B", "1.5 KiB", "4.0 MiB": binary units, one decimal above bytes. */
export function formatByteSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}
