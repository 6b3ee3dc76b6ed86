"use client";
// Every configured cluster side by side: whether its Kafka answers, its brokers, its DLQs and what waits in them.
import clsx from "clsx";
import { useClusters } from "@/lib/query/clusters";
import { RequestError } from "@/lib/query/request-error";
import { PageHeader } from "@/components/console/page-header";
import { ErrorAlert } from "@/components/ui/error-alert";
import { LoadingTable } from "@/components/ui/loading-table";
import { TableContainer } from "@/components/ui/table-container";
import { tableClass, thClass } from "@/components/ui/table-styles";
import { CLUSTER_COLUMNS, ClusterRow } from "./cluster-row";

export function ClustersOverview() {
  const clusters = useClusters();
  return (
    <>
      <PageHeader title="Clusters" />
      {clusters.error ? (
        <ErrorAlert>
          Could not read the configured clusters:{" "}
          {clusters.error instanceof RequestError ? clusters.error.message : "the server did not answer"}
        </ErrorAlert>
      ) : clusters.data ? (
        <TableContainer>
          <table aria-label="Clusters" className={tableClass}>
            <thead>
              <tr>
                {CLUSTER_COLUMNS.map((column) => (
                  <th key={column.label} scope="col" className={clsx(thClass, column.className)}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {clusters.data.map((cluster) => (
                <ClusterRow key={cluster.id} cluster={cluster} />
              ))}
            </tbody>
          </table>
        </TableContainer>
      ) : (
        <LoadingTable label="Clusters" columns={CLUSTER_COLUMNS.map(({ label }) => ({ label }))} />
      )}
    </>
  );
}
