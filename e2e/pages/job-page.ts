// One bulk job's page: state, live progress, Pause / Resume / Cancel (operators), what it does and its failures.
import type { Locator } from "@playwright/test";
import { ConsolePage } from "./console-page";

export class JobPage extends ConsolePage {
  async goto(id: string) {
    await this.page.goto(`/jobs/${encodeURIComponent(id)}`);
  }

  /** "Running", "Waiting for Kafka", "Paused", "Cancelled" or "Completed". */
  get state(): Locator {
    return this.page.getByRole("status", { name: "Job state" });
  }

  /** A figure of the progress strip, e.g. stat("Done"). */
  stat(label: "Done" | "Failed" | "Skipped" | "Remaining" | "Rate" | "ETA"): Locator {
    return this.page
      .getByLabel("Job progress")
      .getByRole("term")
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator("xpath=following-sibling::dd[1]");
  }

  get progressBar(): Locator {
    return this.page.getByRole("progressbar", { name: "Progress" });
  }

  /** The bar's aria-valuenow: records processed so far. */
  async processed(): Promise<number> {
    return Number(await this.progressBar.getAttribute("aria-valuenow"));
  }

  get pauseButton(): Locator {
    return this.page.getByRole("button", { name: "Pause", exact: true });
  }

  get resumeButton(): Locator {
    return this.page.getByRole("button", { name: "Resume", exact: true });
  }

  get cancelButton(): Locator {
    return this.page.getByRole("button", { name: "Cancel job…", exact: true });
  }

  get cancelDialog(): Locator {
    return this.page.getByRole("dialog", { name: "Cancel this job?" });
  }

  /** The "What it does" list (action, DLQ, selection, target, rate limit, reason, note…). */
  get definition(): Locator {
    return this.page.getByRole("region", { name: "What it does", exact: true });
  }

  /** Operators: a new job on the records this one failed on that are still pending. */
  get retryFailedButton(): Locator {
    return this.page.getByRole("button", { name: "Retry failed…", exact: true });
  }

  /** The failures counted by reason ("380 × Target topic … does not exist"). */
  get failureReasons(): Locator {
    return this.page.getByRole("list", { name: "Failures by reason" });
  }

  get failuresTable(): Locator {
    return this.table("Failures");
  }
}
