// A job's action id for each of its items (the x-redrive-id the record carries), derived rather than stored: the
// same job and item always give the same id, so after a crash the runner knows which ids to look for in the
// target topics without having written them anywhere first. A UUIDv8 (RFC 9562: custom, here sha256-based).
import { createHash } from "node:crypto";

export function jobActionId(jobId: string, seq: number): string {
  const hex = createHash("sha256").update(`${jobId}:${seq}`).digest("hex").slice(0, 32).split("");
  hex[12] = "8";
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
