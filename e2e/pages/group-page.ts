// One consumer group: "Lag over time", its "Members" and per-partition "Offsets".
import type { Locator } from "@playwright/test";
import { ConsolePage } from "./console-page";

export class GroupPage extends ConsolePage {
  async goto(groupId: string, cluster = "default") {
    await this.page.goto(`/clusters/${encodeURIComponent(cluster)}/groups/${encodeURIComponent(groupId)}`);
  }

  get membersTable(): Locator {
    return this.table("Members");
  }

  get offsetsTable(): Locator {
    return this.table("Offsets");
  }

  /** Data row `index` of the Offsets table (0-based, header excluded); rows are ordered by topic, then partition. */
  offsetRow(index: number): Locator {
    return this.offsetsTable.getByRole("row").nth(index + 1);
  }

  get noMembersNote(): Locator {
    return this.page.getByText("No active members");
  }

  /** The lag chart: one image whose label summarises it ("… latest 6, highest 6 over 3 points"). */
  get lagChart(): Locator {
    return this.page.getByRole("img", { name: /^Total lag of / });
  }

  lagRange(range: "1h" | "6h" | "24h" | "7d"): Locator {
    return this.page.getByRole("group", { name: "Lag range" }).getByRole("button", { name: range, exact: true });
  }

  get notFound(): Locator {
    return this.page.getByText("does not exist");
  }
}
