// Network allow-lists: "10.0.0.0/8, 192.168.1.7, ::1, fd00::/8" → a check of a connecting socket's address.
// Pure (node:net's BlockList does the matching); an IPv4 address seen through an IPv6 socket (::ffff:10.1.2.3)
// is matched as the IPv4 address it is.
import { BlockList, isIP } from "node:net";

export interface AllowList {
  /** The entries as configured, for logs and error messages. */
  readonly entries: readonly string[];
  allows(address: string | undefined): boolean;
}

export class AllowListError extends Error {
  constructor(
    readonly entry: string,
    readonly why: string,
  ) {
    super(`"${entry}" is not an address or CIDR range (${why})`);
    this.name = "AllowListError";
  }
}

const V4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

const family = (address: string) => (isIP(address) === 6 ? "ipv6" : "ipv4");

/** Parses a comma-separated list of addresses and CIDR ranges; throws AllowListError naming a bad entry. */
export function parseAllowList(text: string): AllowList {
  const entries = text
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefixText, extra] = entry.split("/");
    if (extra !== undefined) throw new AllowListError(entry, "more than one /");
    if (isIP(address) === 0) throw new AllowListError(entry, "not an IPv4 or IPv6 address");
    if (prefixText === undefined) {
      list.addAddress(address, family(address));
      continue;
    }
    const max = isIP(address) === 6 ? 128 : 32;
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) throw new AllowListError(entry, `the prefix must be 0–${max}`);
    list.addSubnet(address, Number(prefixText), family(address));
  }
  return {
    entries,
    allows(raw) {
      if (!raw) return false;
      const address = V4_MAPPED.exec(raw)?.[1] ?? raw;
      if (isIP(address) === 0) return false;
      return list.check(address, family(address));
    },
  };
}

/** An allow-list that may also name hosts: a URL whose host is listed is allowed whatever it resolves to. */
export interface HostAllowList extends AllowList {
  allowsHost(host: string): boolean;
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * "hooks.internal, 10.1.2.0/24, [fd00::7]": addresses and CIDR ranges as parseAllowList takes them (an IPv6 address
 * may keep the brackets it has in a URL), and host names, matched whole and case-insensitively (no wildcards).
 */
export function parseHostAllowList(text: string): HostAllowList {
  const entries = text
    .split(",")
    .map((e) => e.trim().replace(/^\[([^\]]*)\]/, "$1"))
    .filter(Boolean);
  const hostName = (host: string) => host.toLowerCase().replace(/\.$/, "");
  // All digits and dots is a mistyped IPv4 address, not a name.
  const isHostName = (entry: string) => HOST_NAME.test(hostName(entry)) && !/^[\d.]+$/.test(entry);
  const hosts = new Set(entries.filter(isHostName).map(hostName));
  let addresses: AllowList;
  try {
    addresses = parseAllowList(entries.filter((entry) => !isHostName(entry)).join(","));
  } catch (error) {
    if (error instanceof AllowListError) throw new AllowListError(error.entry, `${error.why}, nor a host name`);
    throw error;
  }
  return {
    entries,
    allows: (address) => addresses.allows(address),
    allowsHost: (host) => hosts.has(hostName(host)),
  };
}
