// Text search's second table: the indexer stores each new record's search text in dlq_search_pending (no index,
// so storing costs little), and SearchIndexer moves it into the trigram-indexed dlq_search behind the indexer.
// Building trigrams is the most expensive part of indexing a record (several times what storing it costs), so it
// runs in small batches and yields while records are being stored. Searches look in both tables (see
// dlq-message-queries.ts), so nothing waits for the move to be searchable.
import { sql } from "drizzle-orm";
import { log } from "@/lib/log";
import type { Store } from "./open-store";

/** When each store last stored new records, so the search indexer can keep out of the indexer's way. */
const lastIngest = new WeakMap<Store, number>();

export function noteIngest(store: Store): void {
  lastIngest.set(store, Date.now());
}

/**
 * Moves up to `limit` records' search text from dlq_search_pending into dlq_search, in one transaction (a search
 * sees each record in exactly one of the two). SKIP LOCKED lets instances sharing one PostgreSQL move in parallel.
 */
export async function indexPendingSearchText(store: Store, limit: number): Promise<number> {
  const result = await store.db.execute(sql`
    with moved as (
      delete from dlq_search_pending
      where ctid = any(array(select ctid from dlq_search_pending limit ${limit} for update skip locked))
      returning "cluster", "topic", "partition", "offset", "search_text"),
    indexed as (insert into dlq_search select * from moved on conflict do nothing)
    select count(*)::int as n from moved`);
  return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
}

/** Records whose search text is not in the trigram index yet. */
export async function pendingSearchCount(store: Store): Promise<number> {
  const result = await store.db.execute(sql`select count(*)::int as n from dlq_search_pending`);
  return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
}

export interface SearchIndexerOptions {
  /** How long one batch should take (default 500 ms on PostgreSQL; 50 ms on PGlite, which runs it on the server's thread). */
  batchMs?: number;
  /** How long to wait when nothing is pending. */
  idleMs?: number;
}

// While records are being stored, the search indexer takes at most this share of the time (and CPU): text search
// finds pending records anyway, so indexing them sooner matters less than storing the next ones.
const SHARE_WHILE_INGESTING = 0.1;
const SHARE_OTHERWISE = 0.5;
const INGEST_QUIET_MS = 2_000;

export class SearchIndexer {
  private batchSize = 100;
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly log = log.child({ component: "search-indexer" });

  constructor(
    private readonly store: Store,
    private readonly options: SearchIndexerOptions = {},
  ) {}

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.step().then((next) => this.schedule(next));
    }, ms);
    this.timer.unref();
  }

  /** One batch; returns how long to wait before the next. */
  private async step(): Promise<number> {
    // On PostgreSQL the work happens in the database server, off the console's thread, so batches can be longer.
    const { batchMs = this.store.kind === "postgres" ? 500 : 50, idleMs = 1_000 } = this.options;
    const started = performance.now();
    let moved: number;
    try {
      moved = await indexPendingSearchText(this.store, this.batchSize);
    } catch (error) {
      this.log.warn({ err: error instanceof Error ? error.message : String(error) }, "moving search text into the index failed; retrying");
      return idleMs;
    }
    const took = Math.max(1, performance.now() - started);
    if (moved < this.batchSize) return idleMs;
    // Batches sized to take about batchMs, so the share below is what it says whatever the store's speed.
    this.batchSize = Math.round(Math.min(5_000, Math.max(10, (this.batchSize * batchMs) / took)));
    const ingesting = Date.now() - (lastIngest.get(this.store) ?? 0) < INGEST_QUIET_MS;
    const share = ingesting ? SHARE_WHILE_INGESTING : SHARE_OTHERWISE;
    return took * (1 / share - 1);
  }
}
