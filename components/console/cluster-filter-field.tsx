"use client";
// A list filter by cluster (jobs, audit): "Any cluster" or one of the configured clusters. An id from the URL that is
// no longer configured stays choosable, since its stored jobs and audit entries remain.
import { useClusters } from "@/lib/query/clusters";
import { SelectField } from "@/components/ui/select-field";
import { clusterOptions } from "./cluster-options";

export function ClusterFilterField({
  value,
  onChange,
  className,
}: {
  value: string | undefined;
  onChange: (cluster: string | undefined) => void;
  className?: string;
}) {
  const { data: clusters } = useClusters();
  // Until the list has loaded, a chosen id is shown as it is rather than as "not configured".
  const choices = clusters ? clusterOptions(clusters, value) : value ? [{ value, label: value }] : [];
  return (
    <SelectField
      label="Cluster"
      className={className}
      value={value ?? ""}
      onChange={(event) => onChange(event.target.value || undefined)}
      options={[{ value: "", label: "Any cluster" }, ...choices]}
    />
  );
}
