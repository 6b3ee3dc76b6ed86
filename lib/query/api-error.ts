// The one error type the client raises for a failed API call; components branch on `status` and `code`.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
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
