// After the fault suite: the cluster stops, and the scenarios' results print as one table.
import { KafkaCluster } from "../../support/kafka-cluster";
import { readResults, resultsTable, writeResultsTable } from "./results";

export default async function globalTeardown(): Promise<void> {
  await new KafkaCluster()
    .stopAll()
    .catch((error: unknown) => console.error(`could not stop the fault cluster: ${(error as Error).message}`));
  const rows = readResults();
  if (rows.length === 0) return;
  console.log(`\nFault suite results\n\n${resultsTable(rows)}\n`);
  writeResultsTable(rows);
}
