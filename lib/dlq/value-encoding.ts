// Classifies a record value for display: JSON, text or binary (null stays null: a tombstone).
import { headerText } from "./record-header";

export type ValueEncoding = "json" | "text" | "binary";

// C0 controls other than tab, line feed, vertical tab, form feed, carriage return and escape
// (ANSI colours in logs) almost never occur in text but are common in Avro and Protobuf
// payloads, many of which happen to be valid UTF-8.
const BINARY_CONTROL = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/;

export function detectValueEncoding(value: Buffer | null): ValueEncoding | null {
  if (value === null) return null;
  const text = headerText(value);
  if (text === null || BINARY_CONTROL.test(text)) return "binary";
  return isJson(text) ? "json" : "text";
}

// The parsed result is thrown away, so JSON.parse rounding int64s above 2^53 loses nothing here.
function isJson(text: string): boolean {
  if (text.trim() === "") return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
