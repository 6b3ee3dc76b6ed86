// How a job's numbers read: its action, rate, rate limit, time to go and share done. Plain functions, tested beside.
import type { Job } from "@/lib/contract/job-schemas";
import { formatCount } from "@/components/format/int64";

export const actionLabel = (action: Job["action"]) => (action === "redeliver" ? "Redeliver" : "Discard");

/** The status a record has once the job has acted on it. */
export const resultStatus = (action: Job["action"]) => (action === "redeliver" ? "redelivered" : "discarded");

/** Seconds to go as an operator reads them: "45 s", "3 min 20 s", "2 h 5 min", "1 d 4 h"; "—" when unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return "—";
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  const pair = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    small > 0 ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`;
  if (s < 3_600) return pair(Math.floor(s / 60), "min", s % 60, "s");
  if (s < 86_400) return pair(Math.floor(s / 3_600), "h", Math.floor((s % 3_600) / 60), "min");
  return pair(Math.floor(s / 86_400), "d", Math.floor((s % 86_400) / 3_600), "h");
}

/** The measured rate: one decimal below 10 msg/s (a slow job still shows movement), whole numbers above. */
export function formatRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return "—";
  return rate < 10 ? `${rate.toFixed(1)} msg/s` : `${formatCount(Math.round(rate))} msg/s`;
}

export const formatRateLimit = (perSecond: number | null) => (perSecond === null ? "No limit" : `${formatCount(perSecond)} msg/s`);

/** Records the job has dealt with (sent, failed or found already resolved) and that as a whole percentage. */
export function jobProgress(job: Pick<Job, "total" | "done" | "failed" | "skipped">): { processed: number; percent: number } {
  const processed = job.done + job.failed + job.skipped;
  if (job.total <= 0) return { processed, percent: 100 };
  return { processed, percent: Math.min(100, Math.floor((processed / job.total) * 100)) };
}

export const recordCount = (n: number) => `${formatCount(n)} ${n === 1 ? "record" : "records"}`;
