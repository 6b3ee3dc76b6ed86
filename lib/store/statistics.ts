// Planner statistics for the store's busy tables. PostgreSQL's autovacuum gathers them; embedded PGlite has no
// autovacuum process, so without this its planner believes every table is nearly empty and picks plans that
// scan a whole DLQ for each batch of a bulk job. A table is analysed when it never was, or when it has grown by a
// fifth since it last was — autovacuum's own rule of thumb, measured in pages.
import { sql } from "drizzle-orm";
import type { Store } from "./open-store";

const TABLES = ["dlq_message", "dlq_failure_group", "dlq_failure_hourly", "audit_log", "triage_job", "triage_job_item"];
const GROWTH = 1.2;
const UPKEEP_INTERVAL_MS = 5 * 60_000;

/** Analyses the tables whose statistics are missing or stale; answers which it analysed. */
export async function refreshStatistics(store: Store, tables: readonly string[] = TABLES): Promise<string[]> {
  const result = await store.db.execute(sql`
    select c.relname as name, c.reltuples as tuples, c.relpages as pages,
      pg_relation_size(c.oid) / current_setting('block_size')::integer as "pagesNow"
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' and c.relname = any(${sql.param([...tables])}::text[])`);
  const rows = (result as unknown as { rows: { name: string; tuples: number; pages: number; pagesNow: number | string }[] }).rows;
  const stale = rows.filter((r) => Number(r.tuples) < 0 || Number(r.pagesNow) > Number(r.pages) * GROWTH + 8).map((r) => r.name);
  for (const table of stale) await store.db.execute(sql.raw(`analyze "${table}"`));
  return stale;
}

/** On PGlite, keeps the statistics fresh for as long as the server runs. */
export function startStatisticsUpkeep(store: Store, onError: (error: unknown) => void): void {
  if (store.kind !== "pglite") return;
  const upkeep = () => void refreshStatistics(store).catch(onError);
  upkeep();
  setInterval(upkeep, UPKEEP_INTERVAL_MS).unref();
}
