// Why a message could not be processed. Each kind says whether retrying can help; the class name is what the
// DLT record's exception header carries, so the console groups failures by it.

export abstract class ProcessingFailure extends Error {
  abstract readonly retriable: boolean;
}

/** The value is not UTF-8 JSON: no retry will parse it. */
export class MalformedJsonError extends ProcessingFailure {
  readonly name = "MalformedJsonError";
  readonly retriable = false;
}

/** The offer breaks a business rule or the offer schema: the same data is rejected every time. */
export class OfferRejectedError extends ProcessingFailure {
  readonly name = "OfferRejectedError";
  readonly retriable = false;
}

/**
 * The handler did not finish in time. Not retried: a timed-out handler cannot be cancelled and may still be
 * running, so a retry would run its side effects twice at once.
 */
export class HandlerTimeoutError extends ProcessingFailure {
  readonly name = "HandlerTimeoutError";
  readonly retriable = false;
}

/** A dependency failed in a way that may pass (a 503, a reset connection): worth retrying with backoff. */
export class DependencyUnavailableError extends ProcessingFailure {
  readonly name = "DependencyUnavailableError";
  readonly retriable = true;
}

/** A retriable failure that persisted through every retry. */
export class RetriesExhaustedError extends ProcessingFailure {
  readonly name = "RetriesExhaustedError";
  readonly retriable = false;
  constructor(
    message: string,
    readonly lastError: Error,
  ) {
    super(message);
  }
}
