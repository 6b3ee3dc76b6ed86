// A DLQ message's triage status in the console's status colours: pending amber, redelivered green, discarded grey.
import type { MessageStatus } from "@/lib/contract/schemas";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<MessageStatus, BadgeTone> = { pending: "warn", redelivered: "ok", discarded: "neutral" };

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  return <Badge tone={TONES[status]}>{status}</Badge>;
}
