// The edge's half of the error vocabulary: each failure kind (lib/errors) answers with the wire code of the same
// name (lib/contract/errors) and an HTTP status chosen here, and only here.
import type { ErrorCode } from "@/lib/contract/errors";
import type { ErrorKind } from "@/lib/errors";

const statusOf: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  already_resolved: 409,
  payload_too_large: 413,
  validation_failed: 422,
  kafka_error: 502,
  kafka_unavailable: 503,
  setup_required: 503,
  store_unavailable: 503,
};

/** What an API answer says for a failure of `kind`. (Every kind is a wire code: this assignment checks it.) */
export function errorAnswer(kind: ErrorKind): { code: ErrorCode; status: number } {
  const code: ErrorCode = kind;
  return { code, status: statusOf[kind] };
}
