// One audit entry as a line of CSV or JSON Lines (pure). JSONL keeps every value exactly; CSV is for
// spreadsheets, so a cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
// apostrophe — actor names and topics are user-controlled.
import type { AuditEntry } from "@/lib/api/schemas";

export const CSV_COLUMNS = ["seq", "at", "actor", "role", "action", "cluster", "topic", "partition", "offset", "target", "details", "hash"] as const;

function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = () => `${CSV_COLUMNS.join(",")}\r\n`;

export function csvLine(entry: AuditEntry): string {
  return `${CSV_COLUMNS.map((column) => csvCell(entry[column])).join(",")}\r\n`;
}

export function jsonLine(entry: AuditEntry): string {
  return `${JSON.stringify(entry)}\n`;
}
