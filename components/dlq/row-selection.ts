// Rows picked in the message table for a bulk job: only pending records can be picked (only they would be acted
// on), in the order they were picked, and "select all loaded" stops at the most one job takes.
import { MAX_JOB_SELECTION } from "@/lib/contract/job-schemas";
import type { DlqListMessage } from "@/lib/contract/schemas";
import { messageKey } from "./merge-live-head";

export type PickedRow = { partition: number; offset: string };
export type PickedRows = ReadonlyMap<string, PickedRow>;
export const NO_ROWS: PickedRows = new Map();

export const isPickable = (message: Pick<DlqListMessage, "status">) => message.status === "pending";

export function togglePicked(picked: PickedRows, message: DlqListMessage): PickedRows {
  const key = messageKey(message);
  const next = new Map(picked);
  if (next.has(key)) next.delete(key);
  else if (isPickable(message)) next.set(key, { partition: message.partition, offset: message.offset });
  return next;
}

/** How much of what is loaded is picked: drives the header checkbox (checked, mixed or clear). */
export function loadedPickState(picked: PickedRows, messages: readonly DlqListMessage[]): "none" | "some" | "all" {
  if (picked.size === 0) return "none";
  let pickable = 0;
  let pickedLoaded = 0;
  for (const message of messages) {
    if (!isPickable(message)) continue;
    pickable++;
    if (picked.has(messageKey(message))) pickedLoaded++;
  }
  return pickable > 0 && (pickedLoaded === pickable || picked.size >= MAX_JOB_SELECTION) ? "all" : "some";
}

/** The header checkbox: clears a full pick, otherwise adds every loaded pending row up to the job limit. */
export function toggleAllLoaded(picked: PickedRows, messages: readonly DlqListMessage[], max = MAX_JOB_SELECTION): PickedRows {
  if (loadedPickState(picked, messages) === "all") return NO_ROWS;
  const next = new Map(picked);
  for (const message of messages) {
    if (next.size >= max) break;
    if (isPickable(message)) next.set(messageKey(message), { partition: message.partition, offset: message.offset });
  }
  return next;
}
