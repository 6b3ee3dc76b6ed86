// A job's selection in words ("Pending records of failure group …, matching “timeout”"), and the DLQ view that shows
// the same records. Filter values come from users and payloads: callers render the text as text.
import type { JobFilter, JobSelector } from "@/lib/api/job-schemas";
import { formatUtc } from "@/components/format/relative-time";
import { recordCount } from "./job-format";

/** What the bulk dialog acts on: a filter (a failure group is {fingerprint}) or rows picked in the table. */
export type BulkSelection = { kind: "filter"; filter: JobFilter } | { kind: "messages"; messages: readonly { partition: number; offset: string }[] };

export const selectorOf = (selection: BulkSelection): JobSelector =>
  selection.kind === "filter" ? selection : { kind: "messages", count: selection.messages.length };

/** `groupLabel` names the failure group when the caller knows it ("OrderNotFoundException · Order <n> not found"). */
export function describeSelector(selector: JobSelector, groupLabel?: string): string {
  if (selector.kind === "messages") return `${recordCount(selector.count)} picked in the table`;
  const { fingerprint, originalTopic, q, from, to } = selector.filter;
  const parts = [
    fingerprint ? `of failure group ${groupLabel ? `“${groupLabel}”` : fingerprint.slice(0, 12)}` : null,
    originalTopic ? `from original topic ${originalTopic}` : null,
    q ? `matching “${q}”` : null,
    from ? `since ${formatUtc(Date.parse(from))}` : null,
    to ? `before ${formatUtc(Date.parse(to))}` : null,
  ].filter((part) => part !== null);
  return parts.length === 0 ? "Every pending record of the DLQ" : `Pending records ${parts.join(", ")}`;
}

/** The DLQ page's query for a filter selection, on the All tab so records the job resolved show too; a list of
 * picked records has no filter. */
export function selectorDlqQuery(selector: JobSelector): Record<string, string | undefined> | undefined {
  if (selector.kind === "messages") return undefined;
  return { ...selector.filter, status: "all" };
}
