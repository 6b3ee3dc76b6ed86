import { describe, expect, it } from "vitest";
import { SignInLimiter } from "./sign-in-limiter";

describe("SignInLimiter", () => {
  it("allows N attempts per username per window, then asks to wait until the oldest expires", () => {
    let now = 0;
    const limiter = new SignInLimiter(3, 60_000, () => now);
    expect([1, 2, 3].map(() => limiter.attempt("admin").allowed)).toEqual([true, true, true]);
    now = 10_000;
    expect(limiter.attempt("admin")).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(limiter.attempt("alice")).toEqual({ allowed: true });
    now = 60_001;
    expect(limiter.attempt("admin")).toEqual({ allowed: true });
  });
});
