// The one error type route handlers map to HTTP: a code from a closed set, a status per code, a message for people.

export const errorStatus = {
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
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ApiError";
  }

  get status(): number {
    return errorStatus[this.code];
  }
}
