// Tells "Kafka is not reachable" apart from other Kafka failures, through kafkajs's wrapped errors.
const CONNECTION_ERRORS = new Set([
  "KafkaJSConnectionError",
  "KafkaJSConnectionClosedError",
  "KafkaJSRequestTimeoutError",
  "KafkaJSBrokerNotFound",
  "KafkaJSNumberOfRetriesExceeded",
]);

type KafkaError = { name?: string; type?: string; originalError?: unknown; cause?: unknown };

/** The error and the ones it wraps, outermost first. */
function* errorChain(error: unknown): Generator<KafkaError> {
  for (let e = error as KafkaError | undefined; e; e = (e.originalError ?? e.cause) as KafkaError | undefined) yield e;
}

export function isConnectionProblem(error: unknown): boolean {
  return [...errorChain(error)].some((e) => e.name !== undefined && CONNECTION_ERRORS.has(e.name));
}

/** Whether the broker answered with this error code name (kafkajs's `type`, e.g. "CONCURRENT_TRANSACTIONS"). */
export function isBrokerError(error: unknown, type: string): boolean {
  return [...errorChain(error)].some((e) => e.type === type);
}

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
