// Sign-in attempts per username in a sliding window. Keyed by the account under attack rather than by
// address: a client can send any X-Forwarded-For it likes, but it cannot guess more passwords by lying about it.

export class SignInLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly maxPerWindow: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt; returns the seconds to wait when the limit is already reached (the attempt is not made). */
  attempt(username: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    const recent = (this.attempts.get(username) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.maxPerWindow) {
      this.attempts.set(username, recent);
      return { allowed: false, retryAfterSeconds: Math.ceil((recent[0]! + this.windowMs - now) / 1000) };
    }
    recent.push(now);
    this.attempts.set(username, recent);
    if (this.attempts.size > 10_000) this.forgetIdle(now);
    return { allowed: true };
  }

  private forgetIdle(now: number) {
    for (const [key, times] of this.attempts) if (times.every((t) => now - t >= this.windowMs)) this.attempts.delete(key);
  }
}
