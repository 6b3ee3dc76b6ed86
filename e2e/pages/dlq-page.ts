// One DLQ: summary, "Failure groups", the status tabs, filters and the virtualised "Messages" table.
import type { Locator } from "@playwright/test";
import { ConsolePage } from "./console-page";

export class DlqPage extends ConsolePage {
  async goto(topic: string, query = "", cluster = "default") {
    await this.page.goto(`/clusters/${encodeURIComponent(cluster)}/dlqs/${encodeURIComponent(topic)}${query ? `?${query}` : ""}`);
  }

  /** A figure of the summary strip, e.g. stat("Pending"). */
  stat(label: "Pending" | "Redelivered" | "Discarded" | "Total" | "Oldest pending" | "Failure groups"): Locator {
    return this.page
      .getByRole("term")
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator("xpath=following-sibling::dd");
  }

  /** The inflow chart: one image whose label summarises it ("… 5 records in all over 24 points"). */
  get inflowChart(): Locator {
    return this.page.getByRole("img", { name: /^Records per hour into / });
  }

  inflowRange(range: "24h" | "7d" | "30d"): Locator {
    return this.page.getByRole("group", { name: "Inflow range" }).getByRole("button", { name: range, exact: true });
  }

  get groups(): Locator {
    return this.page.getByRole("list", { name: "Failure groups" });
  }

  /** The groups' rows in the DOM (the list is virtualised: only rows near the view are rendered). */
  get groupRows(): Locator {
    return this.groups.getByRole("listitem");
  }

  /** The count above the groups when not all are loaded: "100 of 1,000 · pending / total". */
  get groupsLoadedNote(): Locator {
    return this.page.getByText(/^[\d,]+ of [\d,]+ · pending \/ total$/);
  }

  async scrollGroupsToEnd() {
    await this.groups.evaluate((list) => {
      const box = list.parentElement!;
      box.scrollTop = box.scrollHeight;
    });
  }

  /** A failure group's button, found by text it shows (exception or reason). */
  group(text: string): Locator {
    return this.groups.getByRole("button").filter({ hasText: text });
  }

  statusTab(name: "Pending" | "Redelivered" | "Discarded" | "All"): Locator {
    return this.page.getByRole("tab", { name: new RegExp(`^${name}\\b`) });
  }

  get search(): Locator {
    return this.page.getByRole("searchbox", { name: "Search messages" });
  }

  get clearFilters(): Locator {
    return this.page.getByRole("button", { name: "Clear filters" }).first();
  }

  get groupChip(): Locator {
    return this.page.getByRole("button", { name: "Remove filter Failure group" });
  }

  get messagesTable(): Locator {
    return this.table("Messages");
  }

  /** Data rows in the DOM (the table is virtualised: only rows near the view are rendered). */
  get messageRows(): Locator {
    return this.messagesTable.locator("tbody tr[aria-rowindex]");
  }

  /** A data row found by text it shows (its failure message, its key); clicking it opens the message. */
  messageRow(text: string): Locator {
    return this.messageRows.filter({ hasText: text });
  }

  get selectedRow(): Locator {
    return this.messagesTable.locator('tbody tr[aria-selected="true"]');
  }

  /** The line under the table: "200 loaded · scroll for more" / "All 2,000 loaded". */
  get loadedNote(): Locator {
    return this.page.getByText(/ loaded( · scroll for more)?$/);
  }

  async scrollMessagesToEnd() {
    await this.messagesTable.evaluate((table) => {
      const box = table.parentElement!;
      box.scrollTop = box.scrollHeight;
    });
  }

  get notFound(): Locator {
    return this.page.getByText("have been indexed as a DLQ");
  }

  /** Operators only: on the chosen failure group, "Redeliver group…" / "Discard group…". */
  groupJobButton(name: "Redeliver group…" | "Discard group…"): Locator {
    return this.groups.getByRole("button", { name, exact: true });
  }

  /** Operators only: the bar above the table ("Redeliver all matching…", "Discard selected (3)", …). */
  get bulkActions(): Locator {
    return this.page.getByRole("group", { name: "Bulk actions" });
  }

  bulkButton(name: string | RegExp): Locator {
    return this.bulkActions.getByRole("button", { name });
  }

  /** Operators only: a row's checkbox that picks it for a bulk job. */
  pickBox(partition: number, offset: string): Locator {
    return this.messagesTable.getByRole("checkbox", { name: `Pick partition ${partition} offset ${offset}`, exact: true });
  }

  get pickAll(): Locator {
    return this.messagesTable.getByRole("checkbox", { name: "Pick all loaded" });
  }
}
