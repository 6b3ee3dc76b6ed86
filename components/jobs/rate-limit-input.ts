// The bulk dialog's rate limit field: whole messages per second, or empty for no limit (the API's bounds).
export const SUGGESTED_RATE_LIMIT = "100";
const MAX_RATE = 100_000;

export type RateLimitInput = { ok: true; perSecond: number | null } | { ok: false; error: string };

export function parseRateLimit(text: string): RateLimitInput {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, perSecond: null };
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isInteger(value) || value < 1 || value > MAX_RATE) {
    return { ok: false, error: "A whole number from 1 to 100,000, or empty for no limit" };
  }
  return { ok: true, perSecond: value };
}
