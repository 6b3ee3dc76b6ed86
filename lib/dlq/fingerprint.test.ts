import { describe, expect, it } from "vitest";
import { failureFingerprint, normaliseFailureMessage } from "./fingerprint";

const failure = (message: string, exceptionClass = "com.acme.OrderNotFoundException", originalTopic = "orders") => ({
  exceptionClass,
  message,
  originalTopic,
});

describe("normaliseFailureMessage", () => {
  it.each([
    ["Order 123 not found", "Order <n> not found"],
    ["balance -42.50 below 0.0", "balance <n> below <n>"],
    ["timed out after 30000ms", "timed out after <n>ms"],
    ["user 550e8400-e29b-41d4-a716-446655440000 missing", "user <uuid> missing"],
    ["id 550E8400-E29B-41D4-A716-446655440000", "id <uuid>"],
    ["pointer 0x7ffe12ab at frame 0XDEAD", "pointer <hex> at frame <hex>"],
    ["trace 4bf92f3577b34da6a3ce929d0e0e4736 dropped", "trace <hex> dropped"],
    ["Missing field 'address' in \"shipping\" for `Order`", "Missing field <q> in <q> for <q>"],
    ["expired at 2026-11-23T09:30:00.123Z (now 2026-11-23 10:00:00+01:00)", "expired at <ts> (now <ts>)"],
    ["booked for 2026-11-23", "booked for <ts>"],
    ["no account for jane.doe+test@example.co.uk", "no account for <email>"],
    ["  several\n\tspaces   here ", "several spaces here"],
    ["creative 970x250 rejected for slot 1920×1080", "creative <n>x<n> rejected for slot <n>×<n>"],
  ])("normalises %j", (message, expected) => expect(normaliseFailureMessage(message)).toBe(expected));

  it("leaves apostrophes, identifiers with digits and a-f words alone", () => {
    expect(normaliseFailureMessage("Can't read user's Int32 from utf8 for feedface")).toBe(
      "Can't read user's Int32 from utf8 for feedface",
    );
    expect(normaliseFailureMessage("codec x264 on box9x7 failed")).toBe("codec x264 on box9x7 failed");
  });

  it("treats long and short integers alike", () => {
    expect(normaliseFailureMessage("Order 12345678901 not found")).toBe("Order <n> not found");
  });

  it("stays fast on a huge message without spaces", () => {
    const started = performance.now();
    normaliseFailureMessage("a".repeat(1_000_000) + "'" + "b".repeat(100_000));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("failureFingerprint", () => {
  it("groups messages that differ only in variable parts", () => {
    expect(failureFingerprint(failure("Order 123 not found"))).toBe(failureFingerprint(failure("Order 987 not found")));
    expect(failureFingerprint(failure("user 550e8400-e29b-41d4-a716-446655440000 missing"))).toBe(
      failureFingerprint(failure("user 6ba7b810-9dad-11d1-80b4-00c04fd430c8 missing")),
    );
    expect(failureFingerprint(failure("Missing field 'address'"))).toBe(failureFingerprint(failure("Missing field 'zip'")));
    expect(failureFingerprint(failure("bad pointer 0x7ffe12ab"))).toBe(failureFingerprint(failure("bad pointer 0x1")));
  });

  it("separates a different exception class, original topic or message shape", () => {
    const base = failureFingerprint(failure("Order 123 not found"));
    expect(failureFingerprint(failure("Order 123 not found", "com.acme.TimeoutException"))).not.toBe(base);
    expect(failureFingerprint(failure("Order 123 not found", undefined, "payments"))).not.toBe(base);
    expect(failureFingerprint(failure("Customer 123 not found"))).not.toBe(base);
  });

  it("is stable, 16 hex characters, and counts null fields as empty", () => {
    const fingerprint = failureFingerprint(failure("Order 123 not found"));
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(failureFingerprint(failure("Order 123 not found"))).toBe(fingerprint);
    expect(failureFingerprint({ exceptionClass: null, message: null, originalTopic: null })).toBe(
      failureFingerprint({ exceptionClass: "", message: "", originalTopic: "" }),
    );
  });

  it("cannot be fooled by moving text between fields", () => {
    expect(failureFingerprint({ exceptionClass: "a", message: "b", originalTopic: "c" })).not.toBe(
      failureFingerprint({ exceptionClass: "a\u0000b", message: "", originalTopic: "c" }),
    );
  });
});
