import { describe, expect, it } from "vitest";
import { parseAllowList } from "./allow-list";
import { normalizeAddress, resolveClientAddress } from "./client-address";

describe("normalizeAddress", () => {
  it("takes bare, ported, bracketed and IPv4-mapped addresses, and refuses the rest", () => {
    expect(normalizeAddress(" 203.0.113.9 ")).toBe("203.0.113.9");
    expect(normalizeAddress("203.0.113.9:5123")).toBe("203.0.113.9");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("::ffff:10.1.2.3")).toBe("10.1.2.3");
    expect(normalizeAddress("unknown")).toBeNull();
    expect(normalizeAddress("")).toBeNull();
    expect(normalizeAddress(undefined)).toBeNull();
  });
});

describe("resolveClientAddress", () => {
  const trusted = parseAllowList("10.0.0.0/8, fd00::/8");
  const none = parseAllowList("");

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(resolveClientAddress("198.51.100.4", "203.0.113.9", trusted)).toBe("198.51.100.4");
    expect(resolveClientAddress("10.0.0.5", "203.0.113.9", none)).toBe("10.0.0.5");
  });

  it("takes the right-most address no trusted proxy added, whatever the client wrote left of it", () => {
    expect(resolveClientAddress("10.0.0.5", "203.0.113.9", trusted)).toBe("203.0.113.9");
    expect(resolveClientAddress("10.0.0.5", "1.1.1.1, 203.0.113.9, 10.0.0.7", trusted)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:10.0.0.5", ["1.1.1.1", "203.0.113.9"], trusted)).toBe("203.0.113.9");
    expect(resolveClientAddress("fd00::2", "2001:db8::7", trusted)).toBe("2001:db8::7");
  });

  it("stops at a malformed entry and keeps the last hop it could trust", () => {
    expect(resolveClientAddress("10.0.0.5", "203.0.113.9, not-an-ip", trusted)).toBe("10.0.0.5");
    expect(resolveClientAddress("10.0.0.5", "", trusted)).toBe("10.0.0.5");
    expect(resolveClientAddress("10.0.0.5", "10.0.0.6, 10.0.0.7", trusted)).toBe("10.0.0.6");
  });

  it("knows no address without a peer", () => {
    expect(resolveClientAddress(undefined, "203.0.113.9", trusted)).toBeNull();
  });
});
