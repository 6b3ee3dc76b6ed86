// Typed builders for the console's page URLs, so a topic or group name is encoded in one place.

/** One URL path segment: a group id may hold "/", "?", "#", "%" or spaces. */
export function encodePathSegment(value: string): string {
  return encodeURIComponent(value);
}

const clusterBase = (cluster: string) => `/clusters/${encodePathSegment(cluster)}`;

export const hrefs = {
  /** The front door: redirects to the clusters overview, or to the one cluster's own when there is only one. */
  home: () => "/",
  /** Every configured cluster side by side. */
  clusters: () => "/clusters",
  overview: (cluster: string) => clusterBase(cluster),
  topics: (cluster: string) => `${clusterBase(cluster)}/topics`,
  topic: (cluster: string, topic: string) => `${clusterBase(cluster)}/topics/${encodePathSegment(topic)}`,
  groups: (cluster: string) => `${clusterBase(cluster)}/groups`,
  group: (cluster: string, group: string) => `${clusterBase(cluster)}/groups/${encodePathSegment(group)}`,
  dlqs: (cluster: string) => `${clusterBase(cluster)}/dlqs`,
  dlq: (cluster: string, topic: string, filter?: Record<string, string | undefined>) => {
    const search = new URLSearchParams(Object.entries(filter ?? {}).filter((e): e is [string, string] => !!e[1])).toString();
    return `${clusterBase(cluster)}/dlqs/${encodePathSegment(topic)}${search ? `?${search}` : ""}`;
  },
  dlqMessage: (cluster: string, topic: string, partition: number, offset: string) =>
    `${clusterBase(cluster)}/dlqs/${encodePathSegment(topic)}/messages/${partition}/${encodePathSegment(offset)}`,
  /** Jobs are global (a job id names one job on any cluster), so their pages sit outside /clusters/…. */
  jobs: (filter?: Record<string, string | undefined>) => {
    const search = new URLSearchParams(Object.entries(filter ?? {}).filter((e): e is [string, string] => !!e[1])).toString();
    return search ? `/jobs?${search}` : "/jobs";
  },
  job: (id: string) => `/jobs/${encodePathSegment(id)}`,
  settings: () => "/settings",
  audit: (filter?: Record<string, string>) =>
    filter && Object.keys(filter).length ? `/audit?${new URLSearchParams(filter).toString()}` : "/audit",
  /** The sign-in page; `next` is where to return afterwards (the page checks it is a path on this site). */
  signIn: (next?: string) => (next ? `/sign-in?${new URLSearchParams({ next }).toString()}` : "/sign-in"),
};

/** The cluster-scoped sections a page can belong to; the same section exists on every cluster. */
const CLUSTER_SECTIONS = ["topics", "groups", "dlqs"] as const;

/**
 * Where the cluster switcher goes from `pathname` when `cluster` is chosen: the same section on the other cluster
 * (its list: a topic, group or message of one cluster need not exist on another), else that cluster's overview.
 */
export function sameSectionOnCluster(pathname: string, cluster: string): string {
  const [, root, , section] = pathname.split("/");
  const known = CLUSTER_SECTIONS.find((name) => name === section);
  return root === "clusters" && known ? hrefs[known](cluster) : hrefs.overview(cluster);
}

/** The cluster the console opens on, and the one the navigation points at from pages outside any cluster. */
export const DEFAULT_CLUSTER = "default";

/** Dynamic route params can arrive still percent-encoded; decode once, leaving malformed input as it is. */
export function decodeRouteParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
