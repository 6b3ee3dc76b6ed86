// The clusters overview: one row per configured cluster with its brokers, DLQs, pending count and reachability.
import type { Locator } from "@playwright/test";
import { ConsolePage } from "./console-page";

export class ClustersPage extends ConsolePage {
  async goto(base = "") {
    await this.page.goto(`${base}/clusters`);
  }

  get clustersTable(): Locator {
    return this.table("Clusters");
  }

  /** A cluster's row, found by its name's link. */
  clusterRow(name: string): Locator {
    return this.clustersTable.getByRole("row").filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }

  /** A figure of a cluster's row by column: "Brokers up", "DLQs", "Pending", "Kafka". */
  cell(name: string, column: "Brokers up" | "DLQs" | "Pending" | "Kafka"): Locator {
    const index = { "Brokers up": 1, DLQs: 2, Pending: 3, Kafka: 4 }[column];
    return this.clusterRow(name).getByRole("cell").nth(index);
  }
}
