// A webhook address policy for tests: a fixed resolver table instead of DNS (so no test ever asks a real DNS server or
// connects anywhere but loopback), the allow-list given, and 127.0.0.1 and ::1 as the console's own addresses.
import { parseHostAllowList } from "@/lib/net/allow-list";
import type { ResolvedAddress, WebhookAddressPolicy } from "./webhook-address";

/** `table` maps a host name to its addresses, or to a function answering them (to change the answer between calls). */
export function testWebhookPolicy(
  allow: string,
  table: Record<string, string[] | (() => string[])> = {},
  ownHosts: string[] = [],
): WebhookAddressPolicy {
  return {
    allow: parseHostAllowList(allow),
    ownHosts,
    ownAddresses: () => ["127.0.0.1", "::1"],
    async resolve(host): Promise<ResolvedAddress[]> {
      const entry = table[host];
      const addresses = typeof entry === "function" ? entry() : (entry ?? []);
      return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    },
  };
}
