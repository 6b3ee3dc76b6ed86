// Carries the client's address from the socket to route handlers. Next's route handlers never see the socket, and the
// X-Forwarded-For that `next start` adds is only a default (`??=`): a client's own header passes through untouched.
// So a listener on Node's "http.server.request.start" channel, which runs for every request before Next sees it,
// resolves the address from the real peer and writes it, with this process's secret stamp, over whatever the client
// sent. A header without the stamp (a request that came in before the listener was installed) yields no address.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { AllowList } from "./allow-list";
import { resolveClientAddress } from "./client-address";

/** The resolved address (better-auth reads its per-address rate limit from it too). */
export const CLIENT_ADDRESS_HEADER = "x-redrive-client-ip";
const STAMP_HEADER = "x-redrive-client-stamp";

// On globalThis: instrumentation and the route handlers are separate bundles with separate module state.
const holder = globalThis as { __redriveAddressStamp?: Buffer };

/** Installs the listener once per process; the first caller's trusted proxies are the ones used. */
export function installRequestAddresses(trustedProxies: AllowList): void {
  if (holder.__redriveAddressStamp) return;
  const stamp = randomBytes(24);
  const stampText = stamp.toString("base64url");
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const address = resolveClientAddress(socket.remoteAddress, request.headers["x-forwarded-for"], trustedProxies);
    if (address) {
      request.headers[CLIENT_ADDRESS_HEADER] = address;
      request.headers[STAMP_HEADER] = stampText;
    } else {
      delete request.headers[CLIENT_ADDRESS_HEADER];
      delete request.headers[STAMP_HEADER];
    }
  });
  holder.__redriveAddressStamp = stamp;
}

/** The address the listener resolved for this request, or null when there is none it vouches for. */
export function requestAddress(headers: Headers): string | null {
  const stamp = holder.__redriveAddressStamp;
  const presented = Buffer.from(headers.get(STAMP_HEADER) ?? "", "base64url");
  if (!stamp || presented.length !== stamp.length || !timingSafeEqual(presented, stamp)) return null;
  return headers.get(CLIENT_ADDRESS_HEADER);
}
