// Groups failures like Sentry groups errors: same exception, same message shape, same origin topic.
import { hash } from "node:crypto";

export interface FingerprintInput {
  exceptionClass: string | null;
  message: string | null;
  originalTopic: string | null;
}

// Order matters: composite values (quoted, timestamps, UUIDs, emails, hex) are replaced before
// the numbers inside them would be. Each pattern comes with a character it cannot match without: the indexer
// normalises every record's message, and most messages hold no quote, "@" or "0x", so most patterns are skipped.
// The tokens put in (<q>, <n>, …) contain none of those characters, so the check on the original text holds.
const VARIABLE_PARTS: readonly (readonly [RegExp, string, RegExp])[] = [
  // A single quote counts only at word edges, so apostrophes ("can't", "user's") are left alone.
  [/(?<!\w)'[^'\n]*'(?!\w)/g, "<q>", /'/],
  [/"[^"\n]*"/g, "<q>", /"/],
  [/`[^`\n]*`/g, "<q>", /`/],
  [/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w:])/gi, "<ts>", /\d-/],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<uuid>", /-/],
  // Starting only at a token's first character keeps this linear on long runs without an "@".
  [/(?<![\w.+-])[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi, "<email>", /@/],
  [/\b0x[0-9a-f]+\b/gi, "<hex>", /0x/i],
  // A hex run needs a digit (so a long word spelt with a–f stays a word) and a letter (so a long
  // integer becomes <n>, like a short one).
  [/\b(?=[a-f]*\d)(?=\d*[a-f])[0-9a-f]{8,}\b/gi, "<hex>", /\d/],
  // Not inside identifiers ("order123", "Int32", "utf8") but before units ("250ms"), and both sides of a
  // dimension ("970x250", "1920×1080"), whose second number follows a letter ("box9x7" stays an identifier).
  [/(?:(?<!\w)|(?<=(?<!\w)\d+[x×]))-?\d+(?:\.\d+)?/g, "<n>", /\d/],
];

export function normaliseFailureMessage(message: string): string {
  const replaced = VARIABLE_PARTS.reduce(
    (text, [pattern, token, needed]) => (needed.test(message) ? text.replace(pattern, token) : text),
    message,
  );
  return replaced.replace(/\s+/g, " ").trim();
}

/**
 * First 16 hex characters of a SHA-256. The parts are hashed as a JSON array rather than joined
 * with a separator: header text may contain any character, NUL included, and JSON keeps
 * ("a", "b c") and ("a b", "c") apart.
 */
export function failureFingerprint({ exceptionClass, message, originalTopic }: FingerprintInput): string {
  const parts = [exceptionClass ?? "", normaliseFailureMessage(message ?? ""), originalTopic ?? ""];
  return hash("sha256", JSON.stringify(parts), "hex").slice(0, 16);
}
