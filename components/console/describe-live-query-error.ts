// The one sentence shown to an operator when a live read fails.
import { shouldRetryLiveQuery } from "@/lib/query/live-query";
import { RequestError, NETWORK_ERROR_STATUS } from "@/lib/query/request-error";

export function describeLiveQueryError(error: unknown, brokers: string | undefined, subject: string): string {
  const retrying = shouldRetryLiveQuery(0, error);
  const suffix = retrying ? " — retrying" : "";
  if (error instanceof RequestError && error.isKafkaUnavailable) {
    const reason = brokers ? `Kafka at ${brokers} is not reachable` : error.message;
    return `${reason.replace(/\.$/, "")}${suffix}`;
  }
  if (error instanceof RequestError && error.status === NETWORK_ERROR_STATUS) {
    return `${error.message}${suffix}`;
  }
  const message = error instanceof Error ? error.message : "Unknown error";
  return `Could not load ${subject}: ${message.replace(/\.$/, "")}${suffix}`;
}
