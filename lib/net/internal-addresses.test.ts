import { describe, expect, it } from "vitest";
import { embeddedIpv4, internalAddressReason } from "./internal-addresses";

describe("internalAddressReason", () => {
  it.each([
    ["127.0.0.1", "a loopback address (127.0.0.0/8)"],
    ["127.255.0.9", "a loopback address (127.0.0.0/8)"],
    ["::1", "a loopback address (::1/128)"],
    ["169.254.169.254", "a link-local address (169.254.0.0/16)"],
    ["fe80::1", "a link-local address (fe80::/10)"],
    ["fe80::1%eth0", "a link-local address (fe80::/10)"],
    ["10.0.0.1", "a private address (10.0.0.0/8)"],
    ["172.16.0.1", "a private address (172.16.0.0/12)"],
    ["172.31.255.255", "a private address (172.16.0.0/12)"],
    ["192.168.1.1", "a private address (192.168.0.0/16)"],
    ["fd00::2", "a unique local (private) address (fc00::/7)"],
    ["fc00::1", "a unique local (private) address (fc00::/7)"],
    ["100.64.0.1", "a carrier-grade NAT address (100.64.0.0/10)"],
    ["0.0.0.0", 'a "this network" address (0.0.0.0/8)'],
    ["::", "the unspecified address (::/128)"],
    ["224.0.0.1", "a multicast address (224.0.0.0/4)"],
    ["ff02::1", "a multicast address (ff00::/8)"],
    ["255.255.255.255", "a reserved address (240.0.0.0/4)"],
    ["::ffff:127.0.0.1", "a loopback address inside IPv6 (127.0.0.0/8)"],
    ["::ffff:7f00:1", "a loopback address inside IPv6 (127.0.0.0/8)"],
    ["::FFFF:10.1.2.3", "a private address inside IPv6 (10.0.0.0/8)"],
    ["::ffff:a9fe:a9fe", "a link-local address inside IPv6 (169.254.0.0/16)"],
    ["::127.0.0.1", "a loopback address inside IPv6 (127.0.0.0/8)"],
    ["64:ff9b::a00:1", "a private address inside IPv6 (10.0.0.0/8)"],
    ["2002:c0a8:101::1", "a private address inside IPv6 (192.168.0.0/16)"],
    ["localhost", "not an IP address"],
  ])("%s is %s", (address, reason) => {
    expect(internalAddressReason(address)).toBe(reason);
  });

  const publicAddresses = ["8.8.8.8", "93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "2002:808:808::1"];
  it.each(publicAddresses)("%s is public", (address) => {
    expect(internalAddressReason(address)).toBeNull();
  });

  it("reads the IPv4 address inside the IPv6 forms that carry one", () => {
    expect(embeddedIpv4("::ffff:7f00:1")).toBe("127.0.0.1");
    expect(embeddedIpv4("0:0:0:0:0:ffff:c0a8:0101")).toBe("192.168.1.1");
    expect(embeddedIpv4("2001:db8::1")).toBeNull();
    expect(embeddedIpv4("::1")).toBeNull();
    expect(embeddedIpv4("10.0.0.1")).toBeNull();
  });
});
