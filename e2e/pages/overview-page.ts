// The cluster overview: health figures, the dead-letter topics with their pending counts and the most lagging groups.
import type { Locator } from "@playwright/test";
import { ConsolePage } from "./console-page";

export class OverviewPage extends ConsolePage {
  async goto(cluster = "default") {
    await this.page.goto(`/clusters/${encodeURIComponent(cluster)}`);
  }

  get dlqList(): Locator {
    return this.page.getByRole("list", { name: "Dead-letter topics" });
  }

  dlqItem(topic: string): Locator {
    return this.dlqList.getByRole("listitem").filter({ has: this.page.getByRole("link", { name: topic, exact: true }) });
  }

  /** The pending count at the end of a DLQ's row. */
  dlqPending(topic: string): Locator {
    return this.dlqItem(topic).getByTitle(/ pending of /);
  }

  get laggingGroupsList(): Locator {
    return this.page.getByRole("list", { name: "Most lagging consumer groups" });
  }

  laggingGroupItem(group: string): Locator {
    return this.laggingGroupsList.getByRole("listitem").filter({ has: this.page.getByRole("link", { name: group, exact: true }) });
  }

  get brokersTable(): Locator {
    return this.table("Brokers");
  }

  /** A broker's row, found by its node id in the first cell: node id, address, status. */
  brokerRow(nodeId: number): Locator {
    return this.brokersTable.getByRole("row").filter({ has: this.page.getByRole("cell", { name: String(nodeId), exact: true }) });
  }

  get controller(): Locator {
    return this.page.getByTestId("controller");
  }

  /** "Under-replicated partitions" or "Offline partitions": the count and the list of topic/partition. */
  partitionList(label: "Under-replicated partitions" | "Offline partitions"): Locator {
    return this.page.getByRole("group", { name: label, exact: true });
  }

  partitionCount(label: "Under-replicated partitions" | "Offline partitions"): Locator {
    return this.partitionList(label).getByTestId("count");
  }

  /** The figure next to a label in the "Cluster health" strip, e.g. stat("Topics"). */
  stat(label: string): Locator {
    return this.page.getByLabel("Cluster health").getByRole("term").filter({ hasText: label }).locator("xpath=following-sibling::dd[1]");
  }
}
