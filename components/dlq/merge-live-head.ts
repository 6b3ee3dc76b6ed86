// Folds the freshly polled newest page ("head") into the pages already loaded, without refetching them: the head
// replaces the loaded rows it covers (new records appear, changed statuses update, records that left the filter
// go), and the loaded rows older than the head's last record stay as they are. O(n) per poll, O(log n) to find the cut.
import type { DlqListMessage } from "@/lib/contract/schemas";
import { compareInt64 } from "@/components/format/int64";

export const messageKey = (message: Pick<DlqListMessage, "partition" | "offset">) => `${message.partition}:${message.offset}`;

/** The list's order: newest first by timestamp, then partition, then offset (as the API sorts). Negative = a first. */
export function compareListOrder(a: DlqListMessage, b: DlqListMessage): number {
  return Date.parse(b.timestamp) - Date.parse(a.timestamp) || b.partition - a.partition || compareInt64(b.offset, a.offset);
}

/**
 * Whether records may be missing between the head and the loaded rows: more arrived since the last poll than the head
 * holds, so the head's last record is newer than anything loaded. The list must then restart from the head.
 * `headComplete` says the head holds every matching record (the API gave no next cursor).
 */
export function hasGapAfterHead(loaded: readonly DlqListMessage[], head: readonly DlqListMessage[], headComplete: boolean): boolean {
  const last = head[head.length - 1];
  if (headComplete || !last) return false;
  return loaded.length === 0 || compareListOrder(loaded[0]!, last) > 0;
}

/** The loaded rows with the head in front; callers check hasGapAfterHead first. */
export function mergeLiveHead(
  loaded: readonly DlqListMessage[],
  head: readonly DlqListMessage[],
  headComplete: boolean,
): readonly DlqListMessage[] {
  if (headComplete) return head;
  const last = head[head.length - 1];
  if (!last) return loaded;
  // First loaded row that sorts strictly after the head's last record.
  let low = 0;
  let high = loaded.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareListOrder(loaded[middle]!, last) <= 0) low = middle + 1;
    else high = middle;
  }
  return low >= loaded.length ? head : head.concat(loaded.slice(low));
}
