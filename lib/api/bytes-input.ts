// Bytes as an operator wrote them on the wire (text or base64) → the bytes a redelivery sends.
import type { BytesInput } from "@/lib/contract/triage-schemas";

export const bytesFromInput = (input: BytesInput | null): Buffer | null =>
  input === null ? null : "text" in input ? Buffer.from(input.text, "utf8") : Buffer.from(input.base64, "base64");
