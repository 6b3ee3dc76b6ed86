// The statement timeout of the store's reads: a query it cuts (PostgreSQL's query_canceled, 57014) becomes a neutral
// error that names what was being read (lib/api answers it with 503), and bulk writes lift it for their transaction.
import { sql } from "drizzle-orm";
import { errorChain } from "@/lib/error-chain";
import type { Store, StoreTx } from "./open-store";

const QUERY_CANCELED = "57014";

export const isQueryCanceled = (error: unknown) => errorChain(error).some((e) => e.code === QUERY_CANCELED);

const duration = (ms: number) => (ms % 1_000 === 0 ? `${ms / 1_000} s` : ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(1)} s`);

export class StoreTimeoutError extends Error {
  constructor(
    readonly reading: string,
    readonly timeoutMs: number | null,
    options?: { cause?: unknown },
  ) {
    // Without a configured timeout the query was cancelled by someone else (pg_cancel_backend): say only that.
    super(timeoutMs ? `${reading} took longer than ${duration(timeoutMs)}` : `${reading} was cancelled by the store`, options);
    this.name = "StoreTimeoutError";
  }
}

/** Runs a read; when the store cancels it, throws a StoreTimeoutError that says what was being read. */
export async function storeRead<T>(store: Pick<Store, "statementTimeoutMs">, reading: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isQueryCanceled(error)) throw new StoreTimeoutError(reading, store.statementTimeoutMs, { cause: error });
    throw error;
  }
}

/**
 * Lifts the statement timeout for the rest of a transaction: for the bulk writes (a batch of records copied in, a bulk
 * job's batch, forgetting a DLQ) that are long by nature and must not be cut halfway by a limit meant for page reads.
 */
export async function liftStatementTimeout(tx: StoreTx): Promise<void> {
  await tx.execute(sql`set local statement_timeout = 0`);
}
