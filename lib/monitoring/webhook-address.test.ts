// The webhook address check, with a fixed resolver table (no DNS server is asked, nothing is connected to) and once
// with the system's resolver for "localhost" (answered from /etc/hosts).
import { describe, expect, it } from "vitest";
import { parseHostAllowList } from "@/lib/net/allow-list";
import { checkedWebhookAddresses, webhookAddressPolicy } from "./webhook-address";
import { testWebhookPolicy } from "./webhook-policy.fixture";

const names = { "hooks.test": ["93.184.216.34"], "mixed.test": ["93.184.216.34", "10.9.9.9"], "self.test": ["::ffff:127.0.0.1"] };
const check = (url: string, policy = testWebhookPolicy("", names, ["console.test"])) => checkedWebhookAddresses(new URL(url), policy);
const HINT = "; list it in REDRIVE_WEBHOOK_ALLOW to send there";

describe("checkedWebhookAddresses", () => {
  it("answers the addresses of a public host, to connect to", async () => {
    expect(await check("https://hooks.test/services/x")).toEqual([{ address: "93.184.216.34", family: 4 }]);
  });

  it.each([
    ["http://127.0.0.2:8080/x", `"127.0.0.2" is a loopback address (127.0.0.0/8)${HINT}`],
    ["http://[::1]/x", `"::1" is this console's own address${HINT}`],
    ["http://169.254.169.254/latest/meta-data", `"169.254.169.254" is a link-local address (169.254.0.0/16)${HINT}`],
    ["http://[fe80::1]/x", `"fe80::1" is a link-local address (fe80::/10)${HINT}`],
    ["http://10.0.0.1/", `"10.0.0.1" is a private address (10.0.0.0/8)${HINT}`],
    ["http://192.168.0.10/", `"192.168.0.10" is a private address (192.168.0.0/16)${HINT}`],
    ["http://[fd12::1]/", `"fd12::1" is a unique local (private) address (fc00::/7)${HINT}`],
    ["http://100.100.100.100/", `"100.100.100.100" is a carrier-grade NAT address (100.64.0.0/10)${HINT}`],
    ["http://0.0.0.0:3000/", `"0.0.0.0" is a "this network" address (0.0.0.0/8)${HINT}`],
    ["http://[::ffff:10.0.0.1]/", `"::ffff:a00:1" is a private address inside IPv6 (10.0.0.0/8)${HINT}`],
    ["http://2130706433/", `"127.0.0.1" is this console's own address${HINT}`],
    ["http://0x7f.1/", `"127.0.0.1" is this console's own address${HINT}`],
    ["http://mixed.test/", `"mixed.test" resolves to a private address (10.0.0.0/8)${HINT}`],
    ["http://self.test/", `"self.test" resolves to this console's own address${HINT}`],
    ["https://console.test/api", `"console.test" is this console's own host (REDRIVE_PUBLIC_URL)${HINT}`],
    ["http://nowhere.test/", `"nowhere.test" cannot be resolved to an address`],
  ])("refuses %s: %s", async (url, message) => {
    await expect(check(url)).rejects.toThrow(message);
  });

  it("allows what REDRIVE_WEBHOOK_ALLOW lists: an address, a range, or a host name whatever it resolves to", async () => {
    const policy = testWebhookPolicy("127.0.0.0/8, 10.9.9.9, internal.test", { ...names, "internal.test": ["192.168.7.7"] });
    expect(await check("http://127.0.0.2/", policy)).toEqual([{ address: "127.0.0.2", family: 4 }]);
    expect(await check("http://mixed.test/", policy)).toHaveLength(2);
    expect(await check("http://Internal.Test/", policy)).toEqual([{ address: "192.168.7.7", family: 4 }]);
    await expect(check("http://192.168.7.7/", policy)).rejects.toThrow(/private address/);
  });

  it("with the system resolver, refuses localhost", async () => {
    const system = { ...webhookAddressPolicy(), allow: parseHostAllowList("") };
    await expect(checkedWebhookAddresses(new URL("http://localhost:9/x"), system)).rejects.toThrow(
      /^"localhost" resolves to (this console's own address|a loopback address)/,
    );
  });
});
