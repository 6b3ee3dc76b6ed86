// Pages of a DLQ's messages and single messages, read from the store. Every filter combination the console
// offers is served by an index in list order, and paging is by keyset (timestamp, partition, offset), so the
// millionth record costs what the first does.
import { and, asc, desc, eq, getTableColumns, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import { containsPattern } from "@/lib/dlq/search-text";
import { auditLog } from "./audit-schema";
import { dlqMessage, dlqSearch, dlqSearchPending } from "./dlq-schema";
import { messageWhere, type MessageKey } from "./dlq-status";
import type { Store } from "./open-store";

export const PREVIEW_BYTES = 256;

export interface MessageListQuery {
  cluster: string;
  topic: string;
  status?: "pending" | "redelivered" | "discarded";
  fingerprint?: string;
  q?: string;
  originalTopic?: string;
  from?: Date;
  to?: Date;
  order: "newest" | "oldest";
  limit: number;
  after?: MessagePosition;
}

/** Where a page ends: the last record's timestamp (ms), partition and offset. */
export interface MessagePosition {
  timestampMs: number;
  partition: number;
  offset: bigint;
}

/** "checking" while nobody knows whether the message's redelivery landed (see lib/triage/reconcile-redeliveries.ts). */
function deliveryState() {
  // Spelled out: inside a select from one table Drizzle leaves column names unqualified, and both tables have action_id.
  return sql<"checking" | null>`(select 'checking' from redelivery_in_flight f
    where f.action_id = "dlq_message"."action_id" and f.checking_since is not null)`.as("delivery");
}

const listColumns = {
  topic: dlqMessage.topic,
  partition: dlqMessage.partition,
  offset: dlqMessage.offset,
  timestamp: dlqMessage.timestamp,
  // Only the first bytes travel: a list of 900 KB values must not read 900 KB per row.
  keyPreview: sql<Uint8Array | null>`substring(${dlqMessage.key} from 1 for ${PREVIEW_BYTES})`,
  keySize: sql<number | null>`octet_length(${dlqMessage.key})`,
  valuePreview: sql<Uint8Array | null>`substring(${dlqMessage.value} from 1 for ${PREVIEW_BYTES})`,
  valueSize: dlqMessage.valueSize,
  valueEncoding: dlqMessage.valueEncoding,
  convention: dlqMessage.convention,
  exceptionClass: dlqMessage.exceptionClass,
  failureMessage: dlqMessage.failureMessage,
  causeClass: dlqMessage.causeClass,
  originalTopic: dlqMessage.originalTopic,
  originalPartition: dlqMessage.originalPartition,
  originalOffset: dlqMessage.originalOffset,
  originalTimestamp: dlqMessage.originalTimestamp,
  consumerGroup: dlqMessage.consumerGroup,
  attempts: dlqMessage.attempts,
  fingerprint: dlqMessage.fingerprint,
  unparsedReason: dlqMessage.unparsedReason,
  status: dlqMessage.status,
  redriveSource: dlqMessage.redriveSource,
  delivery: deliveryState(),
};

function selectPage(store: Store, where: SQL | undefined, order: MessageListQuery["order"], limit: number) {
  const m = dlqMessage;
  const direction = order === "newest" ? desc : asc;
  return store.db
    .select(listColumns)
    .from(m)
    .where(where)
    .orderBy(direction(m.timestamp), direction(m.partition), direction(m.offset))
    .limit(limit);
}

export type MessageListRow = Awaited<ReturnType<typeof selectPage>>[number];

export type MessageFilter = Pick<MessageListQuery, "cluster" | "topic" | "status" | "fingerprint" | "q" | "originalTopic" | "from" | "to">;

/** The WHERE of a filtered message list; bulk jobs select their records with the same one. */
export function messageConditions(query: MessageFilter): (SQL | undefined)[] {
  const m = dlqMessage;
  return [
    eq(m.cluster, query.cluster),
    eq(m.topic, query.topic),
    query.status && eq(m.status, query.status),
    query.fingerprint !== undefined ? eq(m.fingerprint, query.fingerprint) : undefined,
    query.originalTopic !== undefined ? eq(m.originalTopic, query.originalTopic) : undefined,
    query.from && gte(m.timestamp, query.from),
    query.to && lt(m.timestamp, query.to),
    query.q ? textMatches(query.cluster, query.topic, query.q) : undefined,
  ];
}

/** The record's search text, in dlq_search or (until the search indexer has moved it) in dlq_search_pending. */
function textMatches(cluster: string, topic: string, q: string) {
  return or(indexedTextMatches(q), pendingTextMatches(cluster, topic, q));
}

function indexedTextMatches(q: string) {
  const [m, s] = [dlqMessage, dlqSearch];
  return sql`exists (select 1 from ${s} where ${s.cluster} = ${m.cluster} and ${s.topic} = ${m.topic} and ${s.partition} = ${m.partition} and ${s.offset} = ${m.offset} and ${s.searchText} ilike ${containsPattern(q)})`;
}

function pendingTextMatches(cluster: string, topic: string, q: string) {
  const [m, p] = [dlqMessage, dlqSearchPending];
  return sql`(${m.partition}, ${m.offset}) in (select ${p.partition}, ${p.offset} from ${p} where ${p.cluster} = ${cluster} and ${p.topic} = ${topic} and ${p.searchText} ilike ${containsPattern(q)})`;
}

export async function listMessages(store: Store, query: MessageListQuery) {
  const m = dlqMessage;
  // The text filter is applied below, one branch per search table.
  const conditions = messageConditions({ ...query, q: undefined });
  if (query.after) {
    const { timestampMs, partition, offset } = query.after;
    const position = sql`(${m.timestamp}, ${m.partition}, ${m.offset})`;
    const cursor = sql`(${new Date(timestampMs).toISOString()}::timestamptz, ${partition}::integer, ${offset.toString()}::bigint)`;
    conditions.push(query.order === "newest" ? sql`${position} < ${cursor}` : sql`${position} > ${cursor}`);
  }
  const select = (where: SQL | undefined) => selectPage(store, where, query.order, query.limit + 1);
  let rows: MessageListRow[];
  if (query.q === undefined || query.q === "") rows = await select(and(...conditions));
  else {
    // A record's search text is in dlq_search or, until the search indexer has moved it, in dlq_search_pending.
    // One branch per table, each planned on its own: the trigram index or the list order drives the first (by
    // how common the text is), and the second reads the small pending table once.
    const indexed = indexedTextMatches(query.q);
    const pending = pendingTextMatches(query.cluster, query.topic, query.q);
    const merged = await unionAll(select(and(...conditions, indexed)), select(and(...conditions, pending)));
    const sign = query.order === "newest" ? -1 : 1;
    rows = merged
      .sort(
        (a, b) =>
          sign *
          (a.timestamp.getTime() - b.timestamp.getTime() ||
            a.partition - b.partition ||
            (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0)),
      )
      .slice(0, query.limit + 1);
  }
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const next: MessagePosition | null =
    rows.length > query.limit && last ? { timestampMs: last.timestamp.getTime(), partition: last.partition, offset: last.offset } : null;
  return { rows: page, next };
}

/** The listed records in list shape, in the order asked (a dry run's sample). */
export async function listMessagesAt(store: Store, cluster: string, topic: string, refs: readonly { partition: number; offset: bigint }[]) {
  if (refs.length === 0) return [];
  const m = dlqMessage;
  const rows = await store.db
    .select(listColumns)
    .from(m)
    .where(
      and(
        eq(m.cluster, cluster),
        eq(m.topic, topic),
        sql`(${m.partition}, ${m.offset}) in (${sql.join(
          refs.map((r) => sql`(${r.partition}::integer, ${r.offset.toString()}::bigint)`),
          sql`, `,
        )})`,
      ),
    );
  const at = new Map(rows.map((row) => [`${row.partition}/${row.offset}`, row]));
  return refs.map((r) => at.get(`${r.partition}/${r.offset}`)).filter((row) => row !== undefined);
}

export async function getMessage(store: Store, cluster: string, topic: string, partition: number, offset: bigint) {
  const [row] = await store.db
    .select({ ...getTableColumns(dlqMessage), delivery: deliveryState() })
    .from(dlqMessage)
    .where(messageWhere({ cluster, topic, partition, offset }));
  return row ?? null;
}

export type MessageRow = NonNullable<Awaited<ReturnType<typeof getMessage>>>;

/**
 * One message for display: every column, but only the first `valueBytes` of its value (its size is a column of its
 * own), so the page of a 10 MB record reads and sends one slice of it. The download reads all of it.
 */
export async function getMessagePreview(store: Store, key: MessageKey, valueBytes: number) {
  const m = dlqMessage;
  const value = sql`substring(${m.value} from 1 for ${valueBytes})`.mapWith(m.value);
  const [row] = await store.db
    .select({ ...getTableColumns(m), value, delivery: deliveryState() })
    .from(m)
    .where(messageWhere(key));
  return row ?? null;
}

/** The audit entries about one record, oldest first. */
export function messageHistory(store: Store, cluster: string, topic: string, partition: number, offset: bigint) {
  const a = auditLog;
  return store.db
    .select()
    .from(a)
    .where(and(eq(a.cluster, cluster), eq(a.topic, topic), eq(a.partition, partition), eq(a.offset, offset)))
    .orderBy(asc(a.seq));
}
