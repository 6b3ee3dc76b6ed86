// The one error type the client raises for a failed API call; components branch on `status` and `code`.
import type { ErrorCode } from "@/lib/contract/errors";

/**
 * The server's code from the error body, or one the client gives itself: no answer at all (network_error), an answer
 * without an error body (http_error), or an answer that is not the shape asked for (invalid_response).
 */
export type RequestErrorCode = ErrorCode | "network_error" | "http_error" | "invalid_response";

export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: RequestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RequestError";
  }

  get isKafkaUnavailable(): boolean {
    return this.code === "kafka_unavailable";
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

/** Status 0 marks a request that never got an HTTP answer (server down, network gone). */
export const NETWORK_ERROR_STATUS = 0;
