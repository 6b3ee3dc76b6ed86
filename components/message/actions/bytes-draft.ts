// Bytes as the operator edits them in the redeliver dialog: UTF-8 text, base64 (for anything binary), or null.
// Pure: converting between the two spellings, checking base64, and what goes on the wire (BytesInput).
import type { WireBytes } from "@/lib/contract/schemas";
import type { BytesInput } from "@/lib/contract/triage-schemas";

export type BytesFormat = "text" | "base64" | "null";
export interface BytesDraft {
  format: BytesFormat;
  /** The text or the base64; ignored for null. */
  text: string;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** How stored bytes start out in the editor: as text when they are UTF-8, else as base64. */
export function draftOf(bytes: WireBytes | null): BytesDraft {
  if (bytes === null) return { format: "null", text: "" };
  return bytes.text !== null ? { format: "text", text: bytes.text } : { format: "base64", text: bytes.base64 };
}

function base64ToUtf8(base64: string): string | null {
  const raw = atob(base64);
  const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function utf8ToBase64(text: string): string {
  let raw = "";
  for (const byte of new TextEncoder().encode(text)) raw += String.fromCharCode(byte);
  return btoa(raw);
}

/**
 * The same bytes in another spelling where that is possible: text ↔ base64 converts, and base64 that is not UTF-8
 * (or not valid base64) stays as it is, with `lossless: false`, so the operator sees why it did not switch.
 */
export function switchFormat(draft: BytesDraft, format: BytesFormat): { draft: BytesDraft; lossless: boolean } {
  if (format === draft.format) return { draft, lossless: true };
  if (format === "null") return { draft: { format, text: draft.text }, lossless: true };
  if (draft.format === "null") return { draft: { format, text: format === "text" ? draft.text : "" }, lossless: true };
  if (format === "base64") return { draft: { format, text: utf8ToBase64(draft.text) }, lossless: true };
  if (!BASE64.test(draft.text)) return { draft, lossless: false };
  const text = base64ToUtf8(draft.text);
  return text === null ? { draft, lossless: false } : { draft: { format, text }, lossless: true };
}

/** Why the draft cannot be sent, or null. */
export function draftError(draft: BytesDraft): string | null {
  return draft.format === "base64" && !BASE64.test(draft.text.trim()) ? "not valid base64 (standard alphabet, with padding)" : null;
}

/** What the API takes. */
export function draftInput(draft: BytesDraft): BytesInput | null {
  if (draft.format === "null") return null;
  return draft.format === "text" ? { text: draft.text } : { base64: draft.text.trim() };
}

/** Whether the draft still says the same bytes as the record (spelling aside). */
export function sameBytes(draft: BytesDraft, original: WireBytes | null): boolean {
  if (draft.format === "null" || original === null) return draft.format === "null" && original === null;
  if (draft.format === "text") return original.text === draft.text;
  return draft.text.trim() === original.base64;
}
