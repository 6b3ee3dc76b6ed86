// The message list's query string → a store query, with a 400 naming the parameter for anything malformed.
// The cursor is opaque to clients: base64url of "timestampMs:partition:offset" of the page's last record.
import { z } from "zod";
import { dlqMessageFilterSchema } from "@/lib/contract/schemas";
import { RedriveError } from "@/lib/errors";
import type { MessageListQuery, MessagePosition } from "@/lib/store/dlq-message-queries";
import type { FailureGroupPosition, FailureGroupQuery } from "@/lib/store/dlq-queries";
import { instantParam, parseQuery } from "./query-params";

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;

export function encodeCursor({ timestampMs, partition, offset }: MessagePosition): string {
  return Buffer.from(`${timestampMs}:${partition}:${offset}`).toString("base64url");
}

export function decodeCursor(cursor: string): MessagePosition | null {
  const match = /^(-?\d{1,16}):(\d{1,10}):(\d{1,19})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) return null;
  const [, timestampMs = "", partition = "", offset = ""] = match;
  const position = { timestampMs: Number(timestampMs), partition: Number(partition), offset: BigInt(offset) };
  return position.partition <= 2 ** 31 - 1 && position.offset <= 2n ** 63n - 1n ? position : null;
}

const listParams = z.object({
  ...dlqMessageFilterSchema.shape,
  // "all" is what an absent status means; links may still name it.
  status: z.enum(["pending", "redelivered", "discarded", "all"], { message: "expected pending, redelivered, discarded or all" }).optional(),
  from: instantParam.optional(),
  to: instantParam.optional(),
  order: z.enum(["newest", "oldest"], { message: "expected newest or oldest" }).optional(),
  limit: z.coerce
    .number({ message: "expected a number" })
    .int("expected a whole number")
    .min(1, "must be at least 1")
    .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
    .optional(),
  cursor: z.string().optional(),
});

export function parseMessageListQuery(search: URLSearchParams, cluster: string, topic: string): MessageListQuery {
  const { status, cursor, limit, order, q, ...filters } = parseQuery(listParams, search);
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  if (after === null) throw new RedriveError("bad_request", 'Query parameter "cursor" is not a cursor this API gave out');
  return {
    cluster,
    topic,
    ...filters,
    status: status === "all" ? undefined : status,
    q: q?.trim() || undefined,
    order: order ?? "newest",
    limit: limit ?? DEFAULT_PAGE_SIZE,
    after,
  };
}

export const MAX_GROUP_PAGE_SIZE = 500;
export const DEFAULT_GROUP_PAGE_SIZE = 100;

// The failure groups' cursor: base64url of "lastSeenMs:fingerprint" of the page's last group.
export function encodeGroupCursor({ lastSeen, fingerprint }: FailureGroupPosition): string {
  return Buffer.from(`${lastSeen.getTime()}:${fingerprint}`).toString("base64url");
}

function decodeGroupCursor(cursor: string): FailureGroupPosition | null {
  const match = /^(-?\d{1,16}):([0-9a-f]{1,64})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) return null;
  const lastSeen = new Date(Number(match[1]));
  return Number.isNaN(lastSeen.getTime()) ? null : { lastSeen, fingerprint: match[2]! };
}

const groupParams = z.object({
  limit: z.coerce
    .number({ message: "expected a number" })
    .int("expected a whole number")
    .min(1, "must be at least 1")
    .max(MAX_GROUP_PAGE_SIZE, `must be at most ${MAX_GROUP_PAGE_SIZE}`)
    .optional(),
  cursor: z.string().optional(),
  fingerprint: dlqMessageFilterSchema.shape.fingerprint,
});

export function parseFailureGroupQuery(search: URLSearchParams): FailureGroupQuery {
  const { limit, cursor, fingerprint } = parseQuery(groupParams, search);
  const after = cursor === undefined ? undefined : decodeGroupCursor(cursor);
  if (after === null) throw new RedriveError("bad_request", 'Query parameter "cursor" is not a cursor this API gave out');
  return { limit: limit ?? DEFAULT_GROUP_PAGE_SIZE, after, fingerprint };
}

/** A route's {partition}/{offset} segments, or a 400 naming the bad one. */
export function parseCoordinates(partition: string, offset: string): { partition: number; offset: bigint } {
  if (!/^\d{1,10}$/.test(partition) || Number(partition) > 2 ** 31 - 1)
    throw new RedriveError("bad_request", `Partition "${partition}" is not a partition number`);
  if (!/^\d{1,19}$/.test(offset) || BigInt(offset) > 2n ** 63n - 1n)
    throw new RedriveError("bad_request", `Offset "${offset}" is not an offset`);
  return { partition: Number(partition), offset: BigInt(offset) };
}
