// A job's action id for each of its items (the x-redrive-id the record carries), derived rather than stored: the
// same job and item always give the same id, so after a crash the runner knows which ids to look for in the
// target topics without having written them anywhere first. A UUIDv8 (RFC 9562: custom, here sha256-based): the
// first 16 bytes of sha256("<job id>:<seq>"), with the version and variant bits set.
import { hash } from "node:crypto";

export function jobActionId(jobId: string, seq: number): string {
  const bytes = hash("sha256", `${jobId}:${seq}`, "buffer");
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = bytes.toString("hex", 0, 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
