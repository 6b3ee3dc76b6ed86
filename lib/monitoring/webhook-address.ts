// Where an alert webhook may be sent. The server makes the request, so an admin's URL could otherwise make it POST to
// itself, to a metadata service (169.254.169.254) or to anything on the private network. A host is resolved once,
// every address it resolves to is checked, and the request connects to exactly those addresses (webhook.ts), so a
// DNS answer that changes between the check and the connection (rebinding) cannot slip past it. Loopback, private,
// link-local, CGNAT, multicast and reserved addresses and the console's own addresses are refused unless
// REDRIVE_WEBHOOK_ALLOW lists the host name or the address.
import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { networkInterfaces } from "node:os";
import { serverEnv } from "@/lib/env";
import type { HostAllowList } from "@/lib/net/allow-list";
import { embeddedIpv4, internalAddressReason } from "@/lib/net/internal-addresses";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface WebhookAddressPolicy {
  allow: HostAllowList;
  /** Host names that are this console (REDRIVE_PUBLIC_URL's). */
  ownHosts: readonly string[];
  /** The console's own addresses: those of the machine's interfaces, which it may listen on. */
  ownAddresses(): readonly string[];
  /** The resolver port: the system's (getaddrinfo) in production, a fixed table in tests. */
  resolve(host: string): Promise<ResolvedAddress[]>;
}

/** Why a webhook's host may not be reached; the message names the host and says how to allow it. */
export class WebhookAddressError extends Error {
  constructor(
    readonly host: string,
    readonly reason: string,
  ) {
    super(`"${host}" ${reason}`);
    this.name = "WebhookAddressError";
  }
}

const HINT = "; list it in REDRIVE_WEBHOOK_ALLOW to send there";

const systemResolve = async (host: string): Promise<ResolvedAddress[]> =>
  (await lookup(host, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

const interfaceAddresses = () =>
  Object.values(networkInterfaces())
    .flat()
    .flatMap((info) => (info ? [info.address] : []));

/** The policy this server runs with (REDRIVE_WEBHOOK_ALLOW, REDRIVE_PUBLIC_URL, its interfaces, the system resolver). */
export function webhookAddressPolicy(): WebhookAddressPolicy {
  const env = serverEnv();
  return {
    allow: env.REDRIVE_WEBHOOK_ALLOW,
    ownHosts: env.REDRIVE_PUBLIC_URL ? [urlHost(new URL(env.REDRIVE_PUBLIC_URL))] : [],
    ownAddresses: interfaceAddresses,
    resolve: systemResolve,
  };
}

/** A URL's host as a resolver or a socket takes it: lowercase, without an IPv6 literal's brackets or a final dot. */
export function urlHost(url: URL): string {
  return url.hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
}

const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase() || (embeddedIpv4(a) ?? a) === (embeddedIpv4(b) ?? b);

/** Why the console may not send to `address`, or null when it may. */
function refusal(address: string, policy: WebhookAddressPolicy): string | null {
  if (policy.allow.allows(address)) return null;
  if (policy.ownAddresses().some((own) => sameAddress(own, address.replace(/%.*$/, "")))) return "this console's own address";
  return internalAddressReason(address);
}

/**
 * Resolves the URL's host once and checks every address it has; answers those addresses (connect to them and no
 * others) or throws WebhookAddressError naming the host and why. A host REDRIVE_WEBHOOK_ALLOW names is not checked.
 */
export async function checkedWebhookAddresses(url: URL, policy: WebhookAddressPolicy): Promise<ResolvedAddress[]> {
  const host = urlHost(url);
  const literal = isIP(host);
  if (!policy.allow.allowsHost(host) && policy.ownHosts.includes(host)) {
    throw new WebhookAddressError(host, `is this console's own host (REDRIVE_PUBLIC_URL)${HINT}`);
  }
  let addresses: ResolvedAddress[];
  if (literal !== 0) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    addresses = await policy.resolve(host).catch(() => []);
    if (addresses.length === 0) throw new WebhookAddressError(host, "cannot be resolved to an address");
  }
  if (policy.allow.allowsHost(host)) return addresses;
  for (const { address } of addresses) {
    const why = refusal(address, policy);
    if (why !== null) throw new WebhookAddressError(host, `${literal !== 0 ? "is" : "resolves to"} ${why}${HINT}`);
  }
  return addresses;
}
