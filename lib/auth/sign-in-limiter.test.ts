import { describe, expect, it } from "vitest";
import { SignInLimiter, signInLimits } from "./sign-in-limiter";

const limits = { perAddressAndUsername: 3, perAddress: 5, perUsername: 7, slowDownMs: 1_000 };

describe("SignInLimiter", () => {
  it("allows N attempts per username from one address, then asks that address to wait until the oldest expires", () => {
    let now = 0;
    const limiter = new SignInLimiter(limits, 60_000, () => now);
    expect([1, 2, 3].map(() => limiter.attempt("192.0.2.66", "admin").allowed)).toEqual([true, true, true]);
    now = 10_000;
    expect(limiter.attempt("192.0.2.66", "admin")).toEqual({ allowed: false, scope: "address-username", retryAfterSeconds: 50 });
    // The same username from another address is not locked out.
    expect(limiter.attempt("192.0.2.7", "admin")).toEqual({ allowed: true, delayMs: 0 });
    now = 60_001;
    expect(limiter.attempt("192.0.2.66", "admin").allowed).toBe(true);
  });

  it("limits one address across usernames", () => {
    const limiter = new SignInLimiter(limits, 60_000, () => 0);
    expect(["a", "b", "c", "d", "e"].map((u) => limiter.attempt("192.0.2.66", u).allowed)).toEqual([true, true, true, true, true]);
    expect(limiter.attempt("192.0.2.66", "f")).toEqual({ allowed: false, scope: "address", retryAfterSeconds: 60 });
    expect(limiter.attempt("192.0.2.67", "f").allowed).toBe(true);
  });

  it("slows a username attacked from many addresses, but never refuses it", () => {
    const limiter = new SignInLimiter(limits, 60_000, () => 0);
    const decisions = Array.from({ length: 10 }, (_, i) => limiter.attempt(`198.51.100.${i}`, "admin"));
    expect(decisions.map((d) => (d.allowed ? d.delayMs : "refused"))).toEqual([0, 0, 0, 0, 0, 0, 0, 1_000, 1_000, 1_000]);
  });

  it("derives the address and username ceilings from the per-pair limit", () => {
    expect(signInLimits(5)).toEqual({ perAddressAndUsername: 5, perAddress: 20, perUsername: 50, slowDownMs: 1_000 });
  });
});
