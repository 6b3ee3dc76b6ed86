// The error codes an API answer may carry in `{ error: { code, message } }`: the server's failure kinds (lib/errors)
// plus the few the edge adds itself. The client branches on these, so a code changes only with both sides.
import { z } from "zod";

export const errorCodes = [
  "bad_request",
  "validation_failed",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "already_resolved",
  "payload_too_large",
  "kafka_unavailable",
  "kafka_error",
  "setup_required",
  "store_unavailable",
  /** Too many failed sign-ins from one address or for one user (the sign-in route only). */
  "rate_limited",
  /** The instance is shutting down (SIGTERM): the request was not run; another instance, or this one restarted, takes it. */
  "shutting_down",
  /** A failure the server did not expect; its details go to the server's log only. */
  "internal",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** The body of every failed API answer. A code this side does not know yet reads as internal, keeping the message. */
export const errorBodySchema = z.object({
  error: z.object({ code: z.enum(errorCodes).catch("internal"), message: z.string() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
