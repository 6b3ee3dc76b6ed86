// Which IP addresses a request the server makes on someone's behalf must not reach unless an operator allows them:
// loopback, private, link-local, carrier-grade NAT, "this network", multicast and reserved ranges, also when an IPv4
// address hides inside an IPv6 one (::ffff:127.0.0.1, ::ffff:7f00:1, 64:ff9b::a00:1, 2002:7f00:1::). Pure.
import { BlockList, isIP } from "node:net";

interface Range {
  list: BlockList;
  cidr: string;
  what: string;
}

function range(cidr: string, what: string): Range {
  const [address = "", prefix = ""] = cidr.split("/");
  const list = new BlockList();
  list.addSubnet(address, Number(prefix), isIP(address) === 6 ? "ipv6" : "ipv4");
  return { list, cidr, what };
}

const V4_RANGES = [
  range("0.0.0.0/8", 'a "this network" address'),
  range("10.0.0.0/8", "a private address"),
  range("100.64.0.0/10", "a carrier-grade NAT address"),
  range("127.0.0.0/8", "a loopback address"),
  range("169.254.0.0/16", "a link-local address"),
  range("172.16.0.0/12", "a private address"),
  range("192.168.0.0/16", "a private address"),
  range("224.0.0.0/4", "a multicast address"),
  // With 255.255.255.255, the broadcast address.
  range("240.0.0.0/4", "a reserved address"),
];

const V6_RANGES = [
  range("::/128", "the unspecified address"),
  range("::1/128", "a loopback address"),
  range("fc00::/7", "a unique local (private) address"),
  range("fe80::/10", "a link-local address"),
  range("fec0::/10", "a site-local address"),
  range("ff00::/8", "a multicast address"),
];

/** The eight 16-bit words of a valid IPv6 address (a zone id dropped, a dotted IPv4 tail folded in). */
function ipv6Words(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, "");
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const front = head ? head.split(":") : [];
  const back = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - front.length - back.length).fill("0");
  return [...front, ...zeros, ...back].map((word) => parseInt(word, 16));
}

const dottedQuad = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

/** The IPv4 address an IPv6 address carries: IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16). */
export function embeddedIpv4(address: string): string | null {
  if (isIP(address.replace(/%.*$/, "")) !== 6) return null;
  const w = ipv6Words(address);
  const zeroUpTo = (n: number) => w.slice(0, n).every((word) => word === 0);
  if (zeroUpTo(5) && w[5] === 0xffff) return dottedQuad(w[6]!, w[7]!);
  // ::a.b.c.d (deprecated) — but :: and ::1 are themselves.
  if (zeroUpTo(6) && w[6] !== 0) return dottedQuad(w[6]!, w[7]!);
  if (w[0] === 0x64 && w[1] === 0xff9b && w.slice(2, 6).every((word) => word === 0)) return dottedQuad(w[6]!, w[7]!);
  if (w[0] === 0x2002) return dottedQuad(w[1]!, w[2]!);
  return null;
}

/**
 * Why `address` is internal ("a loopback address (127.0.0.0/8)"), or null for an address on the public internet.
 * Anything that is not an IP address is refused too: only addresses are checked.
 */
export function internalAddressReason(address: string): string | null {
  const bare = address.replace(/%.*$/, "");
  const version = isIP(bare);
  if (version === 0) return "not an IP address";
  if (version === 4) {
    const hit = V4_RANGES.find((r) => r.list.check(bare, "ipv4"));
    return hit ? `${hit.what} (${hit.cidr})` : null;
  }
  const hit = V6_RANGES.find((r) => r.list.check(bare, "ipv6"));
  if (hit) return `${hit.what} (${hit.cidr})`;
  const inner = embeddedIpv4(bare);
  const innerReason = inner === null ? null : internalAddressReason(inner);
  return innerReason === null ? null : `${innerReason.replace(/ \(/, " inside IPv6 (")}`;
}
