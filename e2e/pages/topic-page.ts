// One topic: the summary, the "Partitions" table and the "Consumer groups" reading it.
import type { Locator } from "@playwright/test";
import { ConsolePage } from "./console-page";

export class TopicPage extends ConsolePage {
  async goto(topic: string, cluster = "default") {
    await this.page.goto(`/clusters/${encodeURIComponent(cluster)}/topics/${encodeURIComponent(topic)}`);
  }

  get partitionsTable(): Locator {
    return this.table("Partitions");
  }

  /** Row of partition N: rows are ordered by partition and row 0 is the header. */
  partitionRow(partition: number): Locator {
    return this.partitionsTable.getByRole("row").nth(partition + 1);
  }

  get groupsTable(): Locator {
    return this.table("Consumer groups");
  }

  groupRow(groupId: string): Locator {
    return this.groupsTable.getByRole("row").filter({ has: this.page.getByRole("link", { name: groupId, exact: true }) });
  }

  get notFound(): Locator {
    return this.page.getByText("does not exist");
  }
}
