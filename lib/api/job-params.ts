// The job list's query string → a store filter. The cursor is opaque to clients: base64url of "createdAtMs:id"
// of the page's last job.
import { z } from "zod";
import { jobListFilterSchema } from "@/lib/contract/job-schemas";
import { RedriveError } from "@/lib/errors";
import { parseQuery } from "./query-params";

const DEFAULT_LIMIT = 50;

const listParams = z.object({
  ...jobListFilterSchema.shape,
  limit: z.coerce
    .number({ message: "expected a number" })
    .int("expected a whole number")
    .min(1, "must be at least 1")
    .max(200, "must be at most 200")
    .optional(),
  cursor: z.string().optional(),
});

export const encodeJobCursor = (position: { createdAt: Date; id: string }) =>
  Buffer.from(`${position.createdAt.getTime()}:${position.id}`).toString("base64url");

function decodeJobCursor(cursor: string): { createdAt: Date; id: string } | null {
  const match = /^(\d{1,16}):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? { createdAt: new Date(Number(match[1])), id: match[2]! } : null;
}

export function parseJobListQuery(search: URLSearchParams) {
  const { cursor, limit, ...filter } = parseQuery(listParams, search);
  const after = cursor === undefined ? undefined : decodeJobCursor(cursor);
  if (after === null) throw new RedriveError("bad_request", 'Query parameter "cursor" is not a cursor this API gave out');
  return { ...filter, after, limit: limit ?? DEFAULT_LIMIT };
}
