// The topics list: search, the internal-topics checkbox and the sortable "Topics" table.
import type { Locator } from "@playwright/test";
import { ConsolePage } from "./console-page";

export class TopicsPage extends ConsolePage {
  async goto(cluster = "default", query = "") {
    await this.page.goto(`/clusters/${encodeURIComponent(cluster)}/topics${query ? `?${query}` : ""}`);
  }

  get search(): Locator {
    return this.page.getByLabel("Search topics");
  }

  get showInternal(): Locator {
    return this.page.getByRole("checkbox", { name: "Show internal topics" });
  }

  get topicsTable(): Locator {
    return this.table("Topics");
  }

  topicRow(name: string): Locator {
    return this.topicsTable.getByRole("row").filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }

  topicLinks(): Locator {
    return this.topicsTable.getByRole("link");
  }

  sortBy(column: "Name" | "Partitions" | "Messages"): Promise<void> {
    return this.topicsTable.getByRole("button", { name: column, exact: true }).click();
  }

  columnHeader(column: string): Locator {
    return this.topicsTable.getByRole("columnheader", { name: column });
  }

  async openTopic(name: string) {
    await this.search.fill(name);
    await this.topicRow(name).getByRole("link", { name, exact: true }).click();
  }
}
