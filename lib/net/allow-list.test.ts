import { describe, expect, it } from "vitest";
import { AllowListError, parseAllowList, parseHostAllowList } from "./allow-list";

describe("parseAllowList", () => {
  const list = parseAllowList(" 10.0.0.0/8, 192.168.1.7 ,::1, fd00::/8");

  it("allows addresses in a range or listed exactly", () => {
    expect(list.allows("10.200.3.4")).toBe(true);
    expect(list.allows("192.168.1.7")).toBe(true);
    expect(list.allows("::1")).toBe(true);
    expect(list.allows("fd12:3456::1")).toBe(true);
    expect(list.entries).toEqual(["10.0.0.0/8", "192.168.1.7", "::1", "fd00::/8"]);
  });

  it("refuses everything else, and what is not an address", () => {
    expect(list.allows("11.0.0.1")).toBe(false);
    expect(list.allows("192.168.1.8")).toBe(false);
    expect(list.allows("127.0.0.1")).toBe(false);
    expect(list.allows("fe80::1")).toBe(false);
    expect(list.allows(undefined)).toBe(false);
    expect(list.allows("")).toBe(false);
    expect(list.allows("localhost")).toBe(false);
  });

  it("matches an IPv4 address seen through an IPv6 socket as IPv4", () => {
    expect(list.allows("::ffff:10.1.2.3")).toBe(true);
    expect(list.allows("::FFFF:192.168.1.7")).toBe(true);
    expect(list.allows("::ffff:11.1.2.3")).toBe(false);
  });

  it("an empty list allows nothing", () => {
    expect(parseAllowList(" , ").allows("127.0.0.1")).toBe(false);
  });

  it("names the entry that is not an address or range", () => {
    expect(() => parseAllowList("10.0.0.0/8, intranet")).toThrow(new AllowListError("intranet", "not an IPv4 or IPv6 address"));
    expect(() => parseAllowList("10.0.0.0/33")).toThrow(/"10\.0\.0\.0\/33".*0–32/);
    expect(() => parseAllowList("::1/129")).toThrow(/0–128/);
    expect(() => parseAllowList("10.0.0.0/8/1")).toThrow(/more than one/);
    expect(() => parseAllowList("10.0.0.0/x")).toThrow(/prefix/);
  });
});

describe("parseHostAllowList", () => {
  const list = parseHostAllowList(" hooks.internal , 127.0.0.1, 10.1.0.0/16, [fd00::7], Alerts.Corp.");

  it("allows the host names listed, whole and in any case", () => {
    expect(list.allowsHost("hooks.internal")).toBe(true);
    expect(list.allowsHost("HOOKS.internal.")).toBe(true);
    expect(list.allowsHost("alerts.corp")).toBe(true);
    expect(list.allowsHost("evil.hooks.internal")).toBe(false);
    expect(list.allowsHost("hooks.internal.evil")).toBe(false);
    expect(list.allowsHost("127.0.0.1")).toBe(false);
  });

  it("allows the addresses and ranges listed, an IPv6 one with or without brackets", () => {
    expect(list.allows("127.0.0.1")).toBe(true);
    expect(list.allows("10.1.200.3")).toBe(true);
    expect(list.allows("fd00::7")).toBe(true);
    expect(list.allows("127.0.0.2")).toBe(false);
    expect(list.allows("10.2.0.1")).toBe(false);
  });

  it("names an entry that is neither", () => {
    expect(() => parseHostAllowList("hooks.internal, bad_host")).toThrow(
      /"bad_host" is not an address or CIDR range \(not an IPv4 or IPv6 address, nor a host name\)/,
    );
    expect(() => parseHostAllowList("10.0.0.0/33")).toThrow(/0–32/);
    expect(() => parseHostAllowList("300.1.2.3")).toThrow(/"300\.1\.2\.3"/);
  });
});
