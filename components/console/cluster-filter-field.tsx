"use client";
// A list filter by cluster (jobs, audit): "Any cluster" or one of the configured clusters. An id from the URL that is
// no longer configured stays choosable, since its stored jobs and audit entries remain.
import { useClusters } from "@/lib/query/clusters";
import { SelectField } from "@/components/ui/select-field";
import { clusterOptionLabel } from "./cluster-switcher";

export function ClusterFilterField({ value, onChange, className }: { value: string | undefined; onChange: (cluster: string | undefined) => void; className?: string }) {
  const { data: clusters = [] } = useClusters();
  const known = clusters.map((cluster) => ({ value: cluster.id, label: clusterOptionLabel(cluster) }));
  const stale = value && !clusters.some((cluster) => cluster.id === value) ? [{ value, label: value }] : [];
  return (
    <SelectField
      label="Cluster"
      className={className}
      value={value ?? ""}
      onChange={(event) => onChange(event.target.value || undefined)}
      options={[{ value: "", label: "Any cluster" }, ...known, ...stale]}
    />
  );
}
