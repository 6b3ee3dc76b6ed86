// Sign-in attempts in a sliding window, limited per (address, username) and per address, so an attacker locks out
// only themselves: the same username from another address still gets in. Across all addresses a username has only
// a soft ceiling: past it each attempt is slowed, never refused, because a hard one would let anyone lock the admin out.

export interface SignInLimits {
  /** Attempts on one username from one address. */
  perAddressAndUsername: number;
  /** Attempts from one address on any usernames (stops spraying many usernames from one place). */
  perAddress: number;
  /** Attempts on one username from all addresses; beyond it each attempt waits slowDownMs. */
  perUsername: number;
  slowDownMs: number;
}

/** The limits for REDRIVE_SIGN_IN_ATTEMPTS_PER_MINUTE attempts on one username from one address. */
export function signInLimits(perAddressAndUsername: number): SignInLimits {
  return { perAddressAndUsername, perAddress: perAddressAndUsername * 4, perUsername: perAddressAndUsername * 10, slowDownMs: 1_000 };
}

export type SignInDecision =
  { allowed: true; delayMs: number } | { allowed: false; scope: "address" | "address-username"; retryAfterSeconds: number };

export class SignInLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly limits: SignInLimits,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts an allowed attempt; a refused one is not counted (it is not made), so refusals never extend a block. */
  attempt(address: string, username: string): SignInDecision {
    const now = this.now();
    const pair = this.recent(`pair ${address} ${username}`, now);
    if (pair.length >= this.limits.perAddressAndUsername) return this.refuse("address-username", pair, now);
    const fromAddress = this.recent(`address ${address}`, now);
    if (fromAddress.length >= this.limits.perAddress) return this.refuse("address", fromAddress, now);
    const onUsername = this.recent(`username ${username}`, now);
    for (const times of [pair, fromAddress, onUsername]) times.push(now);
    if (this.attempts.size > 30_000) this.forgetIdle(now);
    return { allowed: true, delayMs: onUsername.length > this.limits.perUsername ? this.limits.slowDownMs : 0 };
  }

  private recent(key: string, now: number): number[] {
    const times = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    this.attempts.set(key, times);
    return times;
  }

  private refuse(scope: "address" | "address-username", times: number[], now: number): SignInDecision {
    return { allowed: false, scope, retryAfterSeconds: Math.max(1, Math.ceil((times[0]! + this.windowMs - now) / 1000)) };
  }

  private forgetIdle(now: number) {
    for (const [key, times] of this.attempts) if (times.every((t) => now - t >= this.windowMs)) this.attempts.delete(key);
  }
}
