// A job's selection in words ("Pending records of failure group …, matching “timeout”"), and the DLQ view that shows
// the same records. Filter values come from users and payloads: callers render the text as text.
import type { JobFilter, JobSelector } from "@/lib/contract/job-schemas";
import { formatUtc } from "@/components/format/relative-time";
import { recordCount } from "./job-format";

/**
 * What the bulk dialog acts on: a filter (a failure group is {fingerprint}), rows picked in the table, or the records
 * an earlier job failed on.
 */
export type BulkSelection =
  | { kind: "filter"; filter: JobFilter }
  | { kind: "messages"; messages: readonly { partition: number; offset: string }[] }
  | { kind: "failed"; jobId: string };

export function selectorOf(selection: BulkSelection): JobSelector {
  if (selection.kind === "messages") return { kind: "messages", count: selection.messages.length };
  return selection;
}

/** The request's selection part for the API. */
export function selectionBodyOf(
  selection: BulkSelection,
): { filter: JobFilter } | { messages: { partition: number; offset: string }[] } | { failedIn: string } {
  if (selection.kind === "filter") return { filter: selection.filter };
  if (selection.kind === "messages") return { messages: [...selection.messages] };
  return { failedIn: selection.jobId };
}

const shortJobId = (id: string) => id.slice(0, 8);

/** `groupLabel` names the failure group when the caller knows it ("OrderNotFoundException · Order <n> not found"). */
export function describeSelector(selector: JobSelector, groupLabel?: string): string {
  if (selector.kind === "messages") return `${recordCount(selector.count)} picked in the table`;
  if (selector.kind === "failed") return `Records job ${shortJobId(selector.jobId)} failed on that are still pending`;
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
 * picked records, or an earlier job's failures, has no filter. */
export function selectorDlqQuery(selector: JobSelector): Record<string, string | undefined> | undefined {
  if (selector.kind !== "filter") return undefined;
  return { ...selector.filter, status: "all" };
}
