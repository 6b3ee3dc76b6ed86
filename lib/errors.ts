// One neutral vocabulary of failures for the domain, the use cases and the adapters. None of them knows HTTP: they
// say what went wrong (a kind and a sentence for people), and only the edge (lib/api) chooses a status for it.

export const errorKinds = [
  /** The request itself is malformed: a parameter that does not parse, a body that is not JSON. */
  "bad_request",
  /** Well-formed but refused: a field's value breaks a rule (a refused target topic, an edit that is not valid JSON). */
  "validation_failed",
  /** No one is signed in, or the credentials are not valid. */
  "unauthorized",
  /** Signed in, but the caller's role does not allow it. */
  "forbidden",
  "not_found",
  /** The state changed under the request (a job already finished, a name already taken). */
  "conflict",
  /** The message was already redelivered or discarded: exactly one action per message. */
  "already_resolved",
  "payload_too_large",
  /** Kafka did not answer (no broker reachable, a request timed out): worth retrying later. */
  "kafka_unavailable",
  /** Kafka answered with an error (not authorised, an unknown topic on produce, a record too large). */
  "kafka_error",
  /** No one can sign in yet: the first admin has not been created. */
  "setup_required",
  "store_unavailable",
] as const;

export type ErrorKind = (typeof errorKinds)[number];

/**
 * A brand instead of class identity: the server runs more than one copy of this module (the bundler gives
 * `instrumentation.ts` its own module graph, and the per-cluster context built there throws into route handlers), so
 * `instanceof` must recognise a RedriveError from any copy.
 */
const BRAND = Symbol.for("redrive.RedriveError");

export class RedriveError extends Error {
  readonly [BRAND] = true;

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RedriveError";
  }
}

/** True when `error` is a RedriveError of one of `kinds`. */
export function isErrorKind(error: unknown, ...kinds: ErrorKind[]): error is RedriveError {
  return error instanceof RedriveError && kinds.includes(error.kind);
}
