// Writing indexed DLQ records. Idempotent on (cluster, topic, partition, offset): a replayed batch changes
// nothing, and a record already triaged keeps its status.
import { dlqMessage } from "./dlq-schema";
import type { Store } from "./open-store";
import type { DlqRow } from "@/lib/dlq/dlq-row";

// Keeps each INSERT well under PostgreSQL's 65,535 bind parameters and a few MB of payload.
const MAX_ROWS_PER_INSERT = 500;
const MAX_BYTES_PER_INSERT = 8 * 1024 * 1024;

export async function storeDlqRows(store: Store, rows: readonly DlqRow[]): Promise<void> {
  let chunk: DlqRow[] = [];
  let bytes = 0;
  const flush = async () => {
    if (chunk.length > 0) await store.db.insert(dlqMessage).values(chunk).onConflictDoNothing();
    chunk = [];
    bytes = 0;
  };
  for (const row of rows) {
    const size = row.valueSize + (row.key?.length ?? 0);
    if (chunk.length >= MAX_ROWS_PER_INSERT || (chunk.length > 0 && bytes + size > MAX_BYTES_PER_INSERT)) await flush();
    chunk.push(row);
    bytes += size;
  }
  await flush();
}
