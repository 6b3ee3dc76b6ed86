// Tells "Kafka is not reachable" apart from other Kafka failures, through kafkajs's wrapped errors.
const CONNECTION_ERRORS = new Set([
  "KafkaJSConnectionError",
  "KafkaJSConnectionClosedError",
  "KafkaJSRequestTimeoutError",
  "KafkaJSBrokerNotFound",
  "KafkaJSNumberOfRetriesExceeded",
]);

export function isConnectionProblem(error: unknown): boolean {
  for (let e = error as { name?: string; originalError?: unknown; cause?: unknown } | undefined; e; e = (e.originalError ?? e.cause) as typeof e) {
    if (e.name && CONNECTION_ERRORS.has(e.name)) return true;
  }
  return false;
}

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
