// The jobs list: a state filter and the "Jobs" table (job link, state, DLQ, selection, progress, created).
import type { Locator } from "@playwright/test";
import { ConsolePage } from "./console-page";

export class JobsPage extends ConsolePage {
  async goto(query = "") {
    await this.page.goto(`/jobs${query ? `?${query}` : ""}`);
  }

  get stateFilter(): Locator {
    return this.page.getByLabel("State", { exact: true });
  }

  get jobsTable(): Locator {
    return this.table("Jobs");
  }

  /** A job's row, found by the first 8 characters of its id shown in the Job column. */
  jobRow(id: string): Locator {
    return this.row(this.jobsTable, id.slice(0, 8));
  }
}
