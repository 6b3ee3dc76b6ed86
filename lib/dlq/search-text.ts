// What the message list's text search looks in: the key, the exception, the failure message and the start of
// the value, decoded leniently (invalid UTF-8 and NUL, which PostgreSQL text cannot hold, become U+FFFD).
import { displaySafe } from "./display-text";

// Only the first SEARCHED_VALUE_BYTES of a value are searched, which keeps the trigram index a sane size.

export const SEARCHED_VALUE_BYTES = 16 * 1024;

export interface SearchTextInput {
  key: Buffer | null;
  value: Buffer | null;
  exceptionClass: string | null;
  failureMessage: string | null;
}

const lenient = (bytes: Buffer | null, limit = Infinity) =>
  bytes === null ? "" : bytes.subarray(0, Math.min(bytes.length, limit)).toString("utf8");

export function searchText({ key, value, exceptionClass, failureMessage }: SearchTextInput): string {
  return displaySafe(
    [lenient(key, SEARCHED_VALUE_BYTES), exceptionClass ?? "", failureMessage ?? "", lenient(value, SEARCHED_VALUE_BYTES)].join("\n"),
  );
}

/** A user's search text as a LIKE pattern matching it anywhere, with its own % _ and \ taken literally. */
export function containsPattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
