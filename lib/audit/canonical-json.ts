// Canonical JSON for hashing: object keys sorted at every depth, bigint as a decimal string, no whitespace.
// The same entry always gives the same bytes, whichever process wrote it.

export type Canonical = string | number | boolean | null | Canonical[] | { [key: string]: Canonical };

export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): Canonical {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, normalise(v)]));
  }
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  throw new TypeError(`cannot put a ${typeof value} in canonical JSON`);
}
