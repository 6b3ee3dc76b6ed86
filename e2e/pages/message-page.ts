// One DLQ message: the failure, the record's coordinates, key, value views, headers table and history.
import type { Locator } from "@playwright/test";
import { ConsolePage } from "./console-page";

export class MessagePage extends ConsolePage {
  async goto(topic: string, partition: number | string, offset: string, cluster = "default") {
    await this.page.goto(
      `/clusters/${encodeURIComponent(cluster)}/dlqs/${encodeURIComponent(topic)}/messages/${partition}/${encodeURIComponent(offset)}`,
    );
  }

  get failure(): Locator {
    return this.page.getByRole("region", { name: "Failure" });
  }

  get exception(): Locator {
    return this.failure.getByLabel("Exception");
  }

  /** The note a record stored without its failure shows, with the reason. */
  get unparsedNote(): Locator {
    return this.failure.getByRole("note", { name: "Stored unparsed" });
  }

  get failureMessage(): Locator {
    return this.failure.getByLabel("Failure message");
  }

  /** The <summary> that opens the stack trace. */
  get stackTraceToggle(): Locator {
    return this.failure.getByText(/^Stack trace/);
  }

  get stackTrace(): Locator {
    return this.failure.getByLabel("Stack trace", { exact: true });
  }

  /** A field of the failure's origin, e.g. origin("Original topic"). */
  origin(label: "Original topic" | "Partition" | "Offset" | "Original time" | "Consumer group" | "Attempts"): Locator {
    return this.failure
      .getByRole("term")
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator("xpath=following-sibling::dd[1]");
  }

  /** A figure of the "Record" strip, e.g. stat("Offset"). */
  stat(label: "Partition" | "Offset" | "Timestamp" | "Status" | "Value size" | "Headers"): Locator {
    return this.page
      .getByLabel("Record")
      .getByRole("term")
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator("xpath=following-sibling::dd[1]");
  }

  get key(): Locator {
    return this.page.getByRole("group", { name: "Key", exact: true });
  }

  valueView(name: "Pretty" | "Raw" | "Text" | "Hex"): Locator {
    return this.page.getByRole("group", { name: "Value view" }).getByRole("button", { name, exact: true });
  }

  get prettyValue(): Locator {
    return this.page.getByLabel("Value (pretty-printed JSON)");
  }

  get rawValue(): Locator {
    return this.page.getByLabel("Value (raw text)");
  }

  get hexValue(): Locator {
    return this.page.getByRole("region", { name: "Value (hex dump)" });
  }

  get truncationNote(): Locator {
    return this.page.getByRole("note").filter({ hasText: /^Showing the first/ });
  }

  get download(): Locator {
    return this.page.getByRole("link", { name: "Download", exact: true });
  }

  get tombstone(): Locator {
    return this.page.getByText("No value: this record is a tombstone.");
  }

  get headersTable(): Locator {
    return this.table("Headers");
  }

  /** Data rows of the headers table, in record order. */
  get headerRows(): Locator {
    return this.headersTable.locator("tbody tr");
  }

  /** The header names in row order (without the "failure"/"redrive" marks beside them). */
  get headerKeys(): Locator {
    return this.headerRows.locator("td:nth-child(2) .font-mono");
  }

  headerValueCell(index: number): Locator {
    return this.headerRows.nth(index).getByRole("cell").nth(2);
  }

  get redriveSource(): Locator {
    return this.page.getByRole("note", { name: "Redelivery source" });
  }

  get history(): Locator {
    return this.page.getByRole("heading", { name: "History" }).locator("xpath=../..");
  }

  get notFound(): Locator {
    return this.page.getByText(/^No message at partition/);
  }

  get redeliverButton(): Locator {
    return this.page.getByRole("button", { name: "Redeliver", exact: true });
  }

  get editAndRedeliverButton(): Locator {
    return this.page.getByRole("button", { name: "Edit & redeliver", exact: true });
  }

  get discardButton(): Locator {
    return this.page.getByRole("button", { name: "Discard", exact: true });
  }

  /** The open triage dialog ("Redeliver partition 0 · offset 3?", "Discard …"). */
  actionDialog(action: "Redeliver" | "Edit and redeliver" | "Discard"): Locator {
    return this.page.getByRole("dialog", { name: new RegExp(`^${action} partition`) });
  }

  /** The notice shown while Redrive checks whether a redelivery whose answer was lost landed. */
  get deliveryCheckNotice(): Locator {
    return this.page.getByRole("status").filter({ hasText: /^Checking whether it landed:/ });
  }

  /** "Redelivered to topic/partition/offset" or "Discarded" after an action. */
  get actionOutcome(): Locator {
    return this.page.getByRole("status").filter({ hasText: /^(Redelivered to|Discarded)/ });
  }
}
