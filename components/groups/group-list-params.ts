// The consumer groups list's search and sort state, read from and written to the URL query string.
import type { GroupSummary } from "@/lib/contract/schemas";
import { compareInt64 } from "@/components/format/int64";
import type { SortDirection } from "@/components/topics/topic-list-params";

export type GroupSortKey = "group" | "lag";

export type GroupListParams = {
  query: string;
  sort: GroupSortKey;
  direction: SortDirection;
};

type ReadableParams = { get(name: string): string | null };

export function defaultGroupDirection(sort: GroupSortKey): SortDirection {
  return sort === "group" ? "asc" : "desc";
}

export function readGroupListParams(params: ReadableParams): GroupListParams {
  const sort: GroupSortKey = params.get("sort") === "group" ? "group" : "lag";
  const directionParam = params.get("dir");
  const direction: SortDirection = directionParam === "asc" || directionParam === "desc" ? directionParam : defaultGroupDirection(sort);
  return { query: params.get("q") ?? "", sort, direction };
}

export function writeGroupListParams(state: GroupListParams): URLSearchParams {
  const params = new URLSearchParams();
  if (state.query) params.set("q", state.query);
  if (state.sort !== "lag") params.set("sort", state.sort);
  if (state.direction !== defaultGroupDirection(state.sort)) params.set("dir", state.direction);
  return params;
}

/** Groups whose lag is unknown (never committed) always sort last: an unknown is not "no lag". */
export function filterAndSortGroups(groups: readonly GroupSummary[], state: GroupListParams): GroupSummary[] {
  const needle = state.query.trim().toLowerCase();
  const visible = groups.filter((group) => needle === "" || group.groupId.toLowerCase().includes(needle));
  const sign = state.direction === "asc" ? 1 : -1;
  return visible.sort((a, b) => {
    if (state.sort === "lag") {
      if (a.totalLag === null || b.totalLag === null) {
        if (a.totalLag !== b.totalLag) return a.totalLag === null ? 1 : -1;
      } else {
        const byLag = compareInt64(a.totalLag, b.totalLag) * sign;
        if (byLag !== 0) return byLag;
      }
      return compareIds(a.groupId, b.groupId);
    }
    return compareIds(a.groupId, b.groupId) * sign;
  });
}

/** The groups with the highest known lag, most lagging first. */
export function mostLaggingGroups(groups: readonly GroupSummary[], limit: number): GroupSummary[] {
  return filterAndSortGroups(
    groups.filter((group) => group.totalLag !== null),
    { query: "", sort: "lag", direction: "desc" },
  ).slice(0, limit);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
