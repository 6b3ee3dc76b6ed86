// The topics list's search, sort and "show internal" state, read from and written to the URL query string.
import type { TopicSummary } from "@/lib/contract/schemas";
import { compareInt64 } from "@/components/format/int64";

export type TopicSortKey = "name" | "partitions" | "messages";
export type SortDirection = "asc" | "desc";

export type TopicListParams = {
  query: string;
  sort: TopicSortKey;
  direction: SortDirection;
  showInternal: boolean;
};

const SORT_KEYS: readonly TopicSortKey[] = ["name", "partitions", "messages"];

type ReadableParams = { get(name: string): string | null };

export function readTopicListParams(params: ReadableParams): TopicListParams {
  const sortParam = params.get("sort");
  const sort = SORT_KEYS.find((key) => key === sortParam) ?? "name";
  const directionParam = params.get("dir");
  const direction: SortDirection = directionParam === "asc" || directionParam === "desc" ? directionParam : defaultDirection(sort);
  return { query: params.get("q") ?? "", sort, direction, showInternal: params.get("internal") === "1" };
}

/** Only non-default values go into the URL, so a plain /topics link stays plain. */
export function writeTopicListParams(state: TopicListParams): URLSearchParams {
  const params = new URLSearchParams();
  if (state.query) params.set("q", state.query);
  if (state.sort !== "name") params.set("sort", state.sort);
  if (state.direction !== defaultDirection(state.sort)) params.set("dir", state.direction);
  if (state.showInternal) params.set("internal", "1");
  return params;
}

/** Names read A→Z; numbers are most useful biggest first. */
export function defaultDirection(sort: TopicSortKey): SortDirection {
  return sort === "name" ? "asc" : "desc";
}

export function filterAndSortTopics(topics: readonly TopicSummary[], state: TopicListParams): TopicSummary[] {
  const needle = state.query.trim().toLowerCase();
  const visible = topics.filter(
    (topic) => (state.showInternal || !topic.isInternal) && (needle === "" || topic.name.toLowerCase().includes(needle)),
  );
  const sign = state.direction === "asc" ? 1 : -1;
  return visible.sort((a, b) => {
    const primary = compareTopics(a, b, state.sort) * sign;
    return primary !== 0 ? primary : compareNames(a.name, b.name);
  });
}

function compareTopics(a: TopicSummary, b: TopicSummary, sort: TopicSortKey): number {
  switch (sort) {
    case "name":
      return compareNames(a.name, b.name);
    case "partitions":
      return a.partitions - b.partitions;
    case "messages":
      return compareInt64(a.messages, b.messages);
  }
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
