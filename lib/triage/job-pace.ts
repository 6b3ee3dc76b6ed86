// A bulk job's pace: batch sizes and waits that keep to its rate limit, and the rate it actually reaches (pure).
/** Records per batch without a rate limit: a few round trips each, and enough to keep the producer busy. */
export const MAX_BATCH = 500;

/** Paces batches to the job's rate limit, and measures the rate actually reached. */
export class Pace {
  private readonly startedAt: number;
  private nextAt: number;
  private recent: { at: number; n: number }[] = [];

  constructor(
    private readonly perSecond: number | null,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = this.nextAt = now();
  }

  /** Batches of about a fifth of a second's worth, so progress moves smoothly at any rate. */
  batchSize(): number {
    return this.perSecond === null ? MAX_BATCH : Math.max(1, Math.min(MAX_BATCH, Math.ceil(this.perSecond / 5)));
  }

  /** How long to wait before the next batch, in ms. */
  delay(): number {
    return Math.max(0, this.nextAt - this.now());
  }

  sent(n: number): void {
    const now = this.now();
    // At most a second of unused allowance carries over: a job that waited for Kafka does not burst to catch up.
    if (this.perSecond !== null) this.nextAt = Math.max(this.nextAt, now - 1_000) + (n / this.perSecond) * 1000;
    this.recent.push({ at: now, n });
    this.recent = this.recent.filter((r) => now - r.at < 10_000);
  }

  /** Messages per second over the last ten seconds (or since the run started, when that is more recent). */
  rate(): number | null {
    if (this.recent.length === 0) return null;
    const now = this.now();
    const span = Math.max(1, now - Math.max(this.startedAt, now - 10_000));
    return (this.recent.reduce((sum, r) => sum + r.n, 0) / span) * 1000;
  }
}
