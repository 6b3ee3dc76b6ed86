// Typed builders for the console's page URLs, so a topic or group name is encoded in one place.
import { encodePathSegment } from "./api-client";

const clusterBase = (cluster: string) => `/clusters/${encodePathSegment(cluster)}`;

export const hrefs = {
  overview: (cluster: string) => clusterBase(cluster),
  topics: (cluster: string) => `${clusterBase(cluster)}/topics`,
  topic: (cluster: string, topic: string) => `${clusterBase(cluster)}/topics/${encodePathSegment(topic)}`,
  groups: (cluster: string) => `${clusterBase(cluster)}/groups`,
  group: (cluster: string, group: string) => `${clusterBase(cluster)}/groups/${encodePathSegment(group)}`,
};

/** Dynamic route params can arrive still percent-encoded; decode once, leaving malformed input as it is. */
export function decodeRouteParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
