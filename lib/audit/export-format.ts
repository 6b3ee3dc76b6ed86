// One audit entry as a line of CSV or JSON Lines (pure). JSONL keeps every value exactly; CSV is for spreadsheets,
// where actor names, topics and details are user-controlled, so cells a spreadsheet would run as a formula are
// neutralised as OWASP's CSV injection guidance says (see formulaSafe).
import type { AuditEntry } from "@/lib/contract/schemas";

export const CSV_COLUMNS = [
  "seq",
  "at",
  "actor",
  "role",
  "action",
  "cluster",
  "topic",
  "partition",
  "offset",
  "target",
  "details",
  "hash",
] as const;

// A formula starts with one of these; a spreadsheet that splits the file on another separator (";" in many locales,
// tab) or ignores the quoting starts a new cell after a separator or line break inside ours, so those count too.
// Double quotes between the separator and the trigger are skipped: `;"=cmd"` is a quoted cell holding a formula.
const TRIGGER_AFTER_SEPARATOR = /[,;\t\r\n](?="*[=+\-@\t\r])/g;
const TRIGGER_FIRST = /^"*[=+\-@\t\r]/;

/**
 * A cell that could start a formula gets an apostrophe (a spreadsheet's "this is text") before it and after every
 * separator that precedes a trigger, and is always quoted. The apostrophe shows in plain-text readers: JSONL is the
 * exact export.
 */
function formulaSafe(text: string): { text: string; changed: boolean } {
  const inner = text.replace(TRIGGER_AFTER_SEPARATOR, "$&'");
  const safe = TRIGGER_FIRST.test(inner) ? `'${inner}` : inner;
  return { text: safe, changed: safe !== text };
}

function csvCell(value: unknown): string {
  const raw = value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  const { text, changed } = formulaSafe(raw);
  return changed || /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = () => `${CSV_COLUMNS.join(",")}\r\n`;

export function csvLine(entry: AuditEntry): string {
  return `${CSV_COLUMNS.map((column) => csvCell(entry[column])).join(",")}\r\n`;
}

export function jsonLine(entry: AuditEntry): string {
  return `${JSON.stringify(entry)}\n`;
}
