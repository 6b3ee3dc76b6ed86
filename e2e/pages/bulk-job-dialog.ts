// The "New bulk job" dialog on the DLQ page: action, target, rate limit, reason, note, the dry run and Start.
import type { Locator, Page } from "@playwright/test";

export class BulkJobDialog {
  constructor(protected page: Page) {}

  get root(): Locator {
    return this.page.getByRole("dialog", { name: "New bulk job" });
  }

  action(name: "Redeliver" | "Discard"): Locator {
    return this.root.getByRole("group", { name: "Action" }).getByRole("button", { name, exact: true });
  }

  get targetTopic(): Locator {
    return this.root.getByLabel("Target topic");
  }

  get rateLimit(): Locator {
    return this.root.getByLabel("Rate limit (messages/second)");
  }

  get reason(): Locator {
    return this.root.getByLabel("Reason (required)");
  }

  get note(): Locator {
    return this.root.getByLabel("Note (optional)");
  }

  get dryRun(): Locator {
    return this.root.getByRole("region", { name: "Dry run" });
  }

  /** "120 pending records will be redelivered." / "No pending record matches: …" / "Counting …". */
  get dryRunStatus(): Locator {
    return this.dryRun.getByRole("status");
  }

  get targets(): Locator {
    return this.dryRun.getByRole("list", { name: "Targets" });
  }

  /** One target of the dry run, found by its topic: red, with the reason, when its records would fail. */
  target(topic: string): Locator {
    return this.targets.getByRole("listitem").filter({ hasText: `→ ${topic} ·` });
  }

  get sampleRows(): Locator {
    return this.dryRun.getByRole("table", { name: "Sample" }).locator("tbody tr");
  }

  get error(): Locator {
    return this.root.getByRole("alert");
  }

  get start(): Locator {
    return this.root.getByRole("button", { name: "Start job", exact: true });
  }

  get cancel(): Locator {
    return this.root.getByRole("button", { name: "Cancel", exact: true });
  }
}
