// Where a redelivery may go (pure). Never to Kafka's internal topics or the topics Connect and schema registries
// keep for themselves, and only to topics an operator's allow pattern matches, when one is set. The target is
// untrusted: it comes from a request, or from a failure header that any producer to the DLQ can write.
import { isInternalTopic } from "./topic-pattern";

/** Kafka Connect's conventional storage topics: a record written there rewrites connector configs or offsets. */
const CONNECT_TOPICS = new Set(["connect-configs", "connect-offsets", "connect-status"]);

/** `__*` (Kafka's own), `_schemas`, `_confluent*` and Connect's storage topics. */
export function isSystemTopic(topic: string): boolean {
  return isInternalTopic(topic) || CONNECT_TOPICS.has(topic);
}

/** Where the target came from: the operator's request, or the record's own original-topic header. */
export type TargetSource = "request" | "original-topic";

/**
 * Why a redelivery may not go to `topic`, or null when it may. `allowed` is matched against the whole name (the
 * environment's pattern arrives anchored), so "orders" does not let "orders-evil" through.
 */
export function redeliveryTargetRefusal(topic: string, allowed?: RegExp): string | null {
  if (isSystemTopic(topic)) return `"${topic}" is a Kafka internal or system topic, which a redelivery never writes to`;
  if (allowed && !allowed.test(topic)) return `"${topic}" is not a redelivery target this console allows (REDRIVE_REDELIVER_TARGETS)`;
  return null;
}

/** A refused target: the use cases throw it before anything is claimed or sent; the HTTP edge answers 422. */
export class RefusedTargetError extends Error {
  constructor(
    readonly topic: string,
    readonly source: TargetSource,
    readonly refusal: string,
  ) {
    super(
      source === "request"
        ? `targetTopic: ${refusal}`
        : `The record's original topic (from its failure headers, which any producer to the DLQ can write) is refused: ${refusal}. ` +
            "Choose a target topic.",
    );
    this.name = "RefusedTargetError";
  }
}

export function assertRedeliveryTarget(topic: string, source: TargetSource, allowed?: RegExp): void {
  const refusal = redeliveryTargetRefusal(topic, allowed);
  if (refusal !== null) throw new RefusedTargetError(topic, source, refusal);
}
