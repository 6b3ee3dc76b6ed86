// Display-safe copies of text taken from a record, for PostgreSQL text and jsonb columns. PostgreSQL refuses NUL in
// both, and jsonb also refuses a lone UTF-16 surrogate (which JSON.stringify writes as an escape). Each becomes a
// visible U+FFFD, so the row stores and the reader sees where something was; the raw bytes are kept beside it.

export const REPLACEMENT = "\ufffd";

const REFUSED = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Nearly every string holds none of them, and the indexer runs this over every text of every record: test first.
const ANY_REFUSED = /[\u0000\ud800-\udfff]/;

export function displaySafe(text: string): string {
  return ANY_REFUSED.test(text) ? text.replace(REFUSED, REPLACEMENT) : text;
}

export function displaySafeOrNull(text: string | null): string | null {
  return text === null ? null : displaySafe(text);
}
