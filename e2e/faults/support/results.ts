// Each scenario's outcome as one row of the fault suite's table: scenario, records, lost, duplicated, time to recover.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const RESULTS_DIR = join(__dirname, "..", ".results");

export interface ScenarioResult {
  /** The issue's numbering: "1", "4b", … */
  id: string;
  scenario: string;
  records: number;
  lost: number;
  duplicated: number;
  /** From the fault until the work carried on (or was whole again), in seconds. */
  recoverySeconds: number;
  /** Anything a reader of the table should know (what recovered, how). */
  note?: string;
}

export function recordResult(result: ScenarioResult): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${result.id}.json`), JSON.stringify(result));
}

export function readResults(): ScenarioResult[] {
  let files: string[];
  try {
    files = readdirSync(RESULTS_DIR).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  return files
    .map((f) => JSON.parse(readFileSync(join(RESULTS_DIR, f), "utf8")) as ScenarioResult)
    .sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));
}

/** A Markdown table, as the README shows it. */
export function resultsTable(rows: readonly ScenarioResult[]): string {
  const lines = ["| # | scenario | records | lost | duplicated | time to recover |", "|---|---|---:|---:|---:|---:|"];
  for (const r of rows)
    lines.push(
      `| ${r.id} | ${r.scenario}${r.note ? ` (${r.note})` : ""} | ${r.records.toLocaleString("en")} | ${r.lost} | ${r.duplicated} | ${r.recoverySeconds.toFixed(1)} s |`,
    );
  return lines.join("\n");
}

export function writeResultsTable(rows: readonly ScenarioResult[]): void {
  writeFileSync(join(RESULTS_DIR, "table.md"), `${resultsTable(rows)}\n`);
}
