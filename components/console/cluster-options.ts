// The options of the cluster choosers (the top bar's switcher, the jobs and audit filters), from the configured list.
import type { Cluster } from "@/lib/contract/schemas";
import type { SelectOption } from "@/components/ui/select-field";

/** The option text: the name, and the id when the name alone could be mistaken (it differs from the id). */
export const clusterOptionLabel = (cluster: Pick<Cluster, "id" | "name">) =>
  cluster.name === cluster.id ? cluster.name : `${cluster.name} (${cluster.id})`;

/**
 * One option per configured cluster. A chosen id that is not configured (a cluster removed from the config keeps
 * its jobs and audit entries; a URL may name any id) stays an option, so the control never claims another cluster.
 */
export function clusterOptions(clusters: readonly Pick<Cluster, "id" | "name">[], chosen: string | undefined): SelectOption[] {
  const options = clusters.map((cluster) => ({ value: cluster.id, label: clusterOptionLabel(cluster) }));
  if (chosen === undefined || clusters.some((cluster) => cluster.id === chosen)) return options;
  return [{ value: chosen, label: `${chosen} (not configured)` }, ...options];
}
