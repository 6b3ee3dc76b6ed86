// Query strings → typed values through a zod object, for every list route: an unknown parameter, a malformed one
// or a from/to the wrong way round is a 400 that names the parameter.
import type { z } from "zod";
import { instantSchema } from "@/lib/contract/schemas";
import { RedriveError } from "@/lib/errors";

/** An ISO 8601 instant with its offset, as a Date. */
export const instantParam = instantSchema.transform((s) => new Date(s));

export function parseQuery<S extends z.ZodObject>(schema: S, search: URLSearchParams): z.infer<S> {
  for (const name of search.keys()) {
    if (!(name in schema.shape))
      throw new RedriveError("bad_request", `Unknown query parameter "${name}"; expected one of ${Object.keys(schema.shape).join(", ")}`);
  }
  const parsed = schema.safeParse(Object.fromEntries(search));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RedriveError("bad_request", `Query parameter "${issue.path.join(".")}": ${issue.message}`);
  }
  const { from, to } = parsed.data as { from?: unknown; to?: unknown };
  if (from instanceof Date && to instanceof Date && from >= to)
    throw new RedriveError("bad_request", 'Query parameter "from" must be before "to"');
  return parsed.data;
}
