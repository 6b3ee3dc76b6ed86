// The worker's own record of what it processed: a table in PostgreSQL (DEMO_CONSUMER_DATABASE_URL) or in an
// embedded PGlite directory of its own. The primary key on the message's identity is what makes processing
// idempotent: a message id (or redelivery id) already there is never applied again.
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock";

export interface ProcessedRecord {
  groupId: string;
  messageKey: string;
  messageId: string | null;
  redriveId: string | null;
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer;
  headers: { key: string; value: Buffer | null }[];
  attempts: number;
  fixed: boolean;
}

export interface ProcessedRow extends ProcessedRecord {
  processedAt: string;
}

export interface ProcessedQuery {
  groupId: string;
  topic?: string;
  key?: string;
  limit: number;
}

interface Sql {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

const SCHEMA = `
create table if not exists demo_processed (
  seq bigserial,
  group_id text not null,
  message_key text not null,
  redrive_id text,
  message_id text,
  topic text not null,
  partition integer not null,
  "offset" bigint not null,
  key bytea,
  value bytea not null,
  headers jsonb not null,
  attempts integer not null,
  fixed_mode boolean not null,
  processed_at timestamptz not null default now(),
  primary key (group_id, message_key),
  unique (group_id, redrive_id)
);
create index if not exists demo_processed_topic_key on demo_processed (group_id, topic, key);
`;

interface Row {
  group_id: string;
  message_key: string;
  redrive_id: string | null;
  message_id: string | null;
  topic: string;
  partition: number;
  offset: string;
  key: Uint8Array | null;
  value: Uint8Array;
  headers: { key: string; base64: string | null }[];
  attempts: number;
  fixed_mode: boolean;
  processed_at: Date | string;
}

const bytes = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

function fromRow(row: Row): ProcessedRow {
  return {
    groupId: row.group_id,
    messageKey: row.message_key,
    messageId: row.message_id,
    redriveId: row.redrive_id,
    topic: row.topic,
    partition: row.partition,
    offset: String(row.offset),
    key: row.key === null ? null : bytes(row.key),
    value: bytes(row.value),
    headers: row.headers.map(({ key, base64 }) => ({ key, value: base64 === null ? null : Buffer.from(base64, "base64") })),
    attempts: row.attempts,
    fixed: row.fixed_mode,
    processedAt: new Date(row.processed_at).toISOString(),
  };
}

export class ProcessedStore {
  private constructor(
    private readonly sql: Sql,
    private readonly closeConnection: () => Promise<void>,
  ) {}

  static async open({ databaseUrl, dataDir }: { databaseUrl?: string; dataDir: string }): Promise<ProcessedStore> {
    if (databaseUrl) {
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 5_000 });
      // An idle client that loses its server emits 'error'; unhandled, that would end the process.
      pool.on("error", () => undefined);
      await pool.query(SCHEMA);
      return new ProcessedStore(pool, () => pool.end());
    }
    const release = lockDataDir(dataDir);
    const db = await PGlite.create({ dataDir: join(dataDir, "pglite") });
    await db.exec(SCHEMA);
    return new ProcessedStore(db, async () => {
      await db.close();
      release();
    });
  }

  /** Which of these message keys and redelivery ids have been processed already. */
  async seen(groupId: string, messageKeys: string[], redriveIds: string[]): Promise<Set<string>> {
    if (messageKeys.length === 0 && redriveIds.length === 0) return new Set();
    const { rows } = await this.sql.query<{ message_key: string; redrive_id: string | null }>(
      "select message_key, redrive_id from demo_processed where group_id = $1 and (message_key = any($2::text[]) or redrive_id = any($3::text[]))",
      [groupId, messageKeys, redriveIds],
    );
    return new Set(rows.flatMap((row) => [row.message_key, ...(row.redrive_id ? [row.redrive_id] : [])]));
  }

  /** Inserts the records not already there; returns the message keys actually inserted. */
  async insert(records: readonly ProcessedRecord[]): Promise<Set<string>> {
    if (records.length === 0) return new Set();
    const columns = 13;
    const params: unknown[] = [];
    const tuples = records.map((r, i) => {
      params.push(
        r.groupId,
        r.messageKey,
        r.redriveId,
        r.messageId,
        r.topic,
        r.partition,
        r.offset,
        r.key,
        r.value,
        JSON.stringify(r.headers.map(({ key, value }) => ({ key, base64: value === null ? null : value.toString("base64") }))),
        r.attempts,
        r.fixed,
        new Date().toISOString(),
      );
      return `(${Array.from({ length: columns }, (_, j) => `$${i * columns + j + 1}`).join(", ")})`;
    });
    const { rows } = await this.sql.query<{ message_key: string }>(
      `insert into demo_processed (group_id, message_key, redrive_id, message_id, topic, partition, "offset", key, value, headers, attempts, fixed_mode, processed_at)
       values ${tuples.join(", ")} on conflict do nothing returning message_key`,
      params,
    );
    return new Set(rows.map((row) => row.message_key));
  }

  async query({ groupId, topic, key, limit }: ProcessedQuery): Promise<ProcessedRow[]> {
    const { rows } = await this.sql.query<Row>(
      `select * from demo_processed where group_id = $1 and ($2::text is null or topic = $2) and ($3::bytea is null or key = $3)
       order by seq limit $4`,
      [groupId, topic ?? null, key === undefined ? null : Buffer.from(key, "utf8"), limit],
    );
    return rows.map(fromRow);
  }

  close(): Promise<void> {
    return this.closeConnection();
  }
}
