// Settings (admin only): the "Users" table and "Create user" form, the "API tokens" table and "Create token" form,
// the "Alert rules" table and the "New alert rule" form.
import type { Locator } from "@playwright/test";
import { ConsolePage } from "./console-page";

type Role = "viewer" | "operator" | "admin";

export class SettingsPage extends ConsolePage {
  async goto() {
    await this.page.goto("/settings");
  }

  /** What a viewer or operator sees instead of the settings. */
  get forbidden(): Locator {
    return this.heading("You need the admin role to see settings");
  }

  get usersTable(): Locator {
    return this.table("Users");
  }

  /** A user's row, found by the username in its row header. */
  userRow(username: string): Locator {
    return this.usersTable.getByRole("row").filter({ has: this.page.getByRole("rowheader").getByText(username, { exact: true }) });
  }

  roleSelect(username: string): Locator {
    return this.usersTable.getByLabel(`Role for ${username}`, { exact: true });
  }

  async setRole(username: string, role: Role) {
    await this.roleSelect(username).selectOption(role);
  }

  /** The row's "Disable" or "Enable" button, whichever the user's state offers. */
  toggleDisabledButton(username: string): Locator {
    return this.userRow(username).getByRole("button", { name: /^(Disable|Enable)$/ });
  }

  get createUserForm(): Locator {
    return this.page.getByRole("form", { name: "Create user" });
  }

  async createUser(user: { username: string; name?: string; password: string; role: Role }) {
    const form = this.createUserForm;
    await form.getByLabel("New username", { exact: true }).fill(user.username);
    await form.getByLabel("Display name", { exact: true }).fill(user.name ?? "");
    await form.getByLabel("New password", { exact: true }).fill(user.password);
    await form.getByLabel("New user role", { exact: true }).selectOption(user.role);
    await form.getByRole("button", { name: "Create user", exact: true }).click();
  }

  get createUserError(): Locator {
    return this.createUserForm.getByRole("alert");
  }

  /** "Could not change <username>: …", shown above the Users table when a role change or (dis)enable is refused. */
  get userChangeError(): Locator {
    return this.page.getByRole("alert").filter({ hasText: /^Could not change / });
  }

  get tokensTable(): Locator {
    return this.table("API tokens");
  }

  tokenRow(name: string): Locator {
    return this.tokensTable.getByRole("row").filter({ has: this.page.getByRole("rowheader").getByText(name, { exact: true }) });
  }

  get createTokenForm(): Locator {
    return this.page.getByRole("form", { name: "Create token" });
  }

  get createTokenError(): Locator {
    return this.createTokenForm.getByRole("alert");
  }

  /** The read-only field holding a just-created token's secret. */
  get newToken(): Locator {
    return this.page.getByLabel("New token", { exact: true });
  }

  get copyTokenButton(): Locator {
    return this.createTokenForm.getByRole("button", { name: "Copy", exact: true });
  }

  /** One of a token's cells, by its column's name. */
  tokenCell(name: string, column: "Expires" | "Last used" | "Status"): Locator {
    // The row header holds the name; the cells follow the columns after it.
    const index = ["Role", "Prefix", "Created", "Created by", "Expires", "Last used", "Status"].indexOf(column);
    return this.tokenRow(name).getByRole("cell").nth(index);
  }

  /** Creates a token and returns its secret, read from the one place it is ever shown. */
  async createToken(name: string, role: Role, expiresAfter?: "7 days" | "30 days" | "90 days" | "1 year" | "Never"): Promise<string> {
    const form = this.createTokenForm;
    await form.getByLabel("Token name", { exact: true }).fill(name);
    await form.getByLabel("Token role", { exact: true }).selectOption(role);
    if (expiresAfter) await form.getByLabel("Expires after", { exact: true }).selectOption({ label: expiresAfter });
    await form.getByRole("button", { name: "Create token", exact: true }).click();
    await this.newToken.waitFor();
    return this.newToken.inputValue();
  }

  revokeDialog(name: string): Locator {
    return this.page.getByRole("dialog", { name: `Revoke token ${name}?`, exact: true });
  }

  async revokeToken(name: string) {
    await this.tokenRow(name).getByRole("button", { name: "Revoke", exact: true }).click();
    const dialog = this.revokeDialog(name);
    await dialog.getByRole("button", { name: "Revoke", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
  }

  get alertRulesTable(): Locator {
    return this.table("Alert rules");
  }

  alertRow(name: string): Locator {
    return this.alertRulesTable.getByRole("row").filter({ has: this.page.getByRole("rowheader").getByText(name, { exact: true }) });
  }

  get newAlertForm(): Locator {
    return this.page.getByRole("form", { name: "New alert rule" });
  }

  get editAlertForm(): Locator {
    return this.page.getByRole("form", { name: "Edit alert rule" });
  }

  async createAlertRule(rule: { name: string; condition: string; target?: string; threshold?: string; webhookUrl: string }) {
    const form = this.newAlertForm;
    await form.getByLabel("Rule name", { exact: true }).fill(rule.name);
    await form.getByLabel("Condition", { exact: true }).selectOption({ label: rule.condition });
    if (rule.target !== undefined) await form.getByLabel(/^(DLQ topic|Consumer group)$/).fill(rule.target);
    if (rule.threshold !== undefined) await form.getByLabel(/(above|than)/).fill(rule.threshold);
    await form.getByLabel("Webhook URL", { exact: true }).fill(rule.webhookUrl);
    await form.getByRole("button", { name: "Create rule", exact: true }).click();
  }

  alertButton(name: string, button: "Send test" | "Edit" | "Delete"): Locator {
    return this.alertRow(name).getByRole("button", { name: button, exact: true });
  }

  alertEnabled(name: string): Locator {
    return this.alertRow(name).getByRole("checkbox", { name: `Enabled: ${name}`, exact: true });
  }

  deleteAlertDialog(name: string): Locator {
    return this.page.getByRole("dialog", { name: `Delete alert rule ${name}?`, exact: true });
  }
}
