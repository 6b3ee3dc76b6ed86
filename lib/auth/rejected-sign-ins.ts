// Rejected sign-ins in the audit log, bounded per (username, address, minute). The log is append-only and chained,
// so a count cannot be raised in place: the first rejection of a key in a minute is appended at once (an attack shows
// immediately and survives a crash), and the rest of that minute are counted in memory and appended as one
// auth.sign_in_rejected summary when the minute closes. So 10,000 attempts add at most two rows per key and minute,
// and the limiter bounds the keys. A crash loses at most the summary of the current minute, never the first entry.
import { recordAudit } from "@/lib/audit/audit-log";
import { log } from "@/lib/log";
import type { Store } from "@/lib/store/open-store";

export interface RejectedSignIn {
  /** The attempted username, or "*" for a refusal of the whole address. */
  username: string;
  address: string | null;
  action: "auth.sign_in_failed" | "auth.sign_in_rate_limited";
  status: number;
  details?: Record<string, unknown>;
}

interface MinuteCount {
  username: string;
  address: string | null;
  minute: number;
  attempts: number;
  byStatus: Record<string, number>;
}

const MINUTE_MS = 60_000;

export class RejectedSignIns {
  private readonly counts = new Map<string, MinuteCount>();
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  async record(rejected: RejectedSignIn): Promise<void> {
    const minute = Math.floor(this.now() / MINUTE_MS) * MINUTE_MS;
    const key = JSON.stringify([rejected.username, rejected.address, minute]);
    const count = this.counts.get(key);
    if (count) {
      count.attempts++;
      count.byStatus[rejected.status] = (count.byStatus[rejected.status] ?? 0) + 1;
      return;
    }
    // Counted before the append is awaited, so concurrent rejections of the same key join this minute's count.
    const { username, address, status } = rejected;
    this.counts.set(key, { username, address, minute, attempts: 1, byStatus: { [status]: 1 } });
    this.scheduleFlush();
    await recordAudit(this.store, {
      actor: rejected.username,
      action: rejected.action,
      source: rejected.address,
      details: { status: rejected.status, ...rejected.details },
    });
  }

  /** Appends the summaries of closed minutes (of every minute with `all`, as at shutdown or in a test). */
  flush(options: { all?: boolean } = {}): Promise<void> {
    // One flush at a time, so the timer's and a caller's never append the same summary twice.
    const run = this.flushing.then(() => this.appendSummaries(options.all ?? false));
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async appendSummaries(all: boolean): Promise<void> {
    const now = this.now();
    for (const [key, count] of this.counts) {
      if (!all && count.minute + MINUTE_MS > now) continue;
      if (count.attempts > 1) {
        await recordAudit(this.store, {
          actor: count.username,
          action: "auth.sign_in_rejected",
          source: count.address,
          details: { minute: new Date(count.minute).toISOString(), attempts: count.attempts, byStatus: count.byStatus },
        });
      }
      // Only once it is written: a summary that failed is tried again at the next flush.
      this.counts.delete(key);
    }
  }

  private scheduleFlush() {
    if (this.flushTimer) return;
    const untilNextMinute = MINUTE_MS - (this.now() % MINUTE_MS) + 1_000;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush()
        .catch((error: unknown) => {
          log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not audit rejected sign-ins");
        })
        .finally(() => {
          if (this.counts.size > 0) this.scheduleFlush();
        });
    }, untilNextMinute);
    this.flushTimer.unref();
  }
}
