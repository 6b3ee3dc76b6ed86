// Who is on the other end of a request: the socket's peer, or, when that peer is a trusted reverse proxy, the
// right-most address in X-Forwarded-For that no trusted proxy vouches for (everything left of it is client-written).
import { isIP } from "node:net";
import type { AllowList } from "./allow-list";

const V4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** A bare address from "1.2.3.4", "1.2.3.4:5678", "[::1]:80" or "::ffff:1.2.3.4"; null when it is none. */
export function normalizeAddress(raw: string | undefined): string | null {
  const text = raw?.trim();
  if (!text) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text)?.[1];
  const candidate = bracketed ?? (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(text) ? text.replace(/:\d+$/, "") : text);
  const address = V4_MAPPED.exec(candidate)?.[1] ?? candidate;
  return isIP(address) === 0 ? null : address.toLowerCase();
}

/**
 * The client's address. X-Forwarded-For is read only while the hop that added the entry is trusted: walking the
 * chain from the right, each trusted hop hands over to the entry it appended; the first untrusted one is the client.
 */
export function resolveClientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: AllowList,
): string | null {
  let current = normalizeAddress(peer);
  if (!current) return null;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",");
  for (let i = chain.length - 1; i >= 0 && trusted.allows(current); i--) {
    const entry = normalizeAddress(chain[i]);
    // A blank or malformed entry ends the walk: nothing left of it can be tied to a trusted hop.
    if (!entry) break;
    current = entry;
  }
  return current;
}
