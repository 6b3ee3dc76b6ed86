// What every console page has: the "Main" navigation, the user menu, the live "Updated …" label and the Kafka-down alert.
import type { Locator, Page } from "@playwright/test";

export class ConsolePage {
  constructor(protected page: Page) {}

  get nav(): Locator {
    return this.page.getByRole("navigation", { name: "Main" });
  }

  /** "Settings" is only there for admins. */
  navLink(
    name: "Clusters" | "Overview" | "Dead-letter queues" | "Topics" | "Consumer groups" | "Jobs" | "Audit log" | "Settings",
  ): Locator {
    return this.nav.getByRole("link", { name, exact: true });
  }

  /** The top bar. */
  get topBar(): Locator {
    return this.page.getByRole("banner");
  }

  /** The top bar's cluster chooser, there only when several clusters are configured. */
  get clusterSwitcher(): Locator {
    return this.topBar.getByRole("combobox", { name: "Cluster", exact: true });
  }

  /** Chooses a cluster in the top bar by its option text ("Second (second)"), and waits for the page to move. */
  async switchCluster(option: string, expectedPath: string | RegExp) {
    await this.clusterSwitcher.selectOption({ label: option });
    await this.page.waitForURL(expectedPath);
  }

  heading(name: string): Locator {
    return this.page.getByRole("heading", { name, level: 1, exact: true });
  }

  /** "Updated 3s ago" — present once a live page has data. */
  get updated(): Locator {
    return this.page.getByText(/^Updated /);
  }

  /** Next.js keeps an empty role="alert" route announcer on every page, so match the alert by its text. */
  get kafkaDownAlert(): Locator {
    return this.page.getByRole("alert").filter({ hasText: "is not reachable" });
  }

  /** The top bar's account button: "Account: <username> <role>". */
  get userMenuButton(): Locator {
    return this.page.getByRole("button", { name: /^Account: / });
  }

  async openUserMenu() {
    await this.userMenuButton.click();
  }

  async signOut() {
    await this.openUserMenu();
    await this.page.getByRole("button", { name: "Sign out", exact: true }).click();
    await this.page.waitForURL("**/sign-in");
  }

  async signOutEverywhere() {
    await this.openUserMenu();
    await this.page.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
    await this.page.waitForURL("**/sign-in");
  }

  get themeToggle(): Locator {
    return this.page.getByRole("button", { name: "Toggle theme" });
  }

  table(name: string): Locator {
    return this.page.getByRole("table", { name, exact: true });
  }

  /** Data rows of a table, found by text in any cell. */
  row(table: Locator, text: string): Locator {
    return table.getByRole("row").filter({ hasText: text });
  }

  cells(row: Locator): Locator {
    return row.getByRole("cell");
  }
}
