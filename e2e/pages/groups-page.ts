// The consumer groups list: search and the "Consumer groups" table sorted by lag.
import type { Locator } from "@playwright/test";
import { ConsolePage } from "./console-page";

export class GroupsPage extends ConsolePage {
  async goto(cluster = "default", query = "") {
    await this.page.goto(`/clusters/${encodeURIComponent(cluster)}/groups${query ? `?${query}` : ""}`);
  }

  get search(): Locator {
    return this.page.getByLabel("Search groups");
  }

  get groupsTable(): Locator {
    return this.table("Consumer groups");
  }

  groupRow(groupId: string): Locator {
    return this.groupsTable.getByRole("row").filter({ has: this.page.getByRole("link", { name: groupId, exact: true }) });
  }

  groupLinks(): Locator {
    return this.groupsTable.getByRole("link");
  }

  sortBy(column: "Group" | "Total lag"): Promise<void> {
    return this.groupsTable.getByRole("button", { name: column, exact: true }).click();
  }
}
