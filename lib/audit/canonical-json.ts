// Canonical JSON for hashing: object keys sorted at every depth, bigint as a decimal string, no whitespace.
// The same entry always gives the same bytes, whichever process wrote it.
//
// Written straight to a string (an audit entry is hashed for every message of a bulk job). The bytes are those the
// first version wrote, which built sorted copies with Object.fromEntries and gave them to JSON.stringify: so keys
// that are array indices ("0", "17") come first, in numeric order, as a JavaScript object orders them, and the
// rest follow in code-unit order. Changing that would break the hash of every entry already written.

export type Canonical = string | number | boolean | null | Canonical[] | { [key: string]: Canonical };

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
    case "number":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return `"${value.toString()}"`;
    case "object":
      break;
    default:
      throw new TypeError(`cannot put a ${typeof value} in canonical JSON`);
  }
  if (value instanceof Date) return `"${value.toISOString()}"`;
  if (Array.isArray(value)) {
    let json = "[";
    for (let i = 0; i < value.length; i++) json += (i === 0 ? "" : ",") + canonicalJson(value[i]);
    return `${json}]`;
  }
  // Object.keys lists array-index keys first, in numeric order, then the rest as created: only the rest need sorting.
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  let firstNamed = 0;
  while (firstNamed < keys.length && isArrayIndex(keys[firstNamed]!)) firstNamed++;
  const named = keys.slice(firstNamed).sort();
  let json = "{";
  for (const list of [keys.slice(0, firstNamed), named]) {
    for (const key of list) {
      const v = object[key];
      if (v === undefined) continue;
      json += `${json.length === 1 ? "" : ","}${JSON.stringify(key)}:${canonicalJson(v)}`;
    }
  }
  return `${json}}`;
}

const MAX_ARRAY_INDEX = 2 ** 32 - 2;

/** Whether JavaScript orders the key as an array index: its canonical decimal form, up to 2^32 − 2. */
function isArrayIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  if (!(first >= 48 && first <= 57)) return false;
  const n = Number(key);
  return Number.isInteger(n) && n <= MAX_ARRAY_INDEX && String(n) === key;
}
