// How long to wait before each retry of a failing handler: exponential backoff with a ceiling.

export interface RetryPolicy {
  /** Retries after the first attempt; 0 sends a failing message to the DLT at once. */
  retries: number;
  initialDelayMs: number;
  multiplier: number;
  maxDelayMs: number;
}

/** The delay before retry 1, 2, … `retries`. */
export function retryDelays({ retries, initialDelayMs, multiplier, maxDelayMs }: RetryPolicy): number[] {
  return Array.from({ length: retries }, (_, i) => Math.min(maxDelayMs, Math.round(initialDelayMs * multiplier ** i)));
}
