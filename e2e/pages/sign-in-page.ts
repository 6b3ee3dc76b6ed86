// The sign-in page: username, password, the "Sign in" button and the error shown when signing in fails.
import type { Locator, Page } from "@playwright/test";

export class SignInPage {
  constructor(protected page: Page) {}

  /** `next` is where the page returns after signing in, e.g. "/settings". */
  async goto(next?: string) {
    await this.page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in");
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { name: "Sign in to Redrive", level: 1, exact: true });
  }

  get form(): Locator {
    return this.page.getByRole("form", { name: "Sign in to Redrive" });
  }

  get username(): Locator {
    return this.form.getByLabel("Username", { exact: true });
  }

  get password(): Locator {
    return this.form.getByLabel("Password", { exact: true });
  }

  get submit(): Locator {
    return this.form.getByRole("button", { name: "Sign in", exact: true });
  }

  /** The reason signing in failed. Next.js keeps an empty role="alert" route announcer, so only the form's alert counts. */
  get error(): Locator {
    return this.form.getByRole("alert");
  }

  async signIn(username: string, password: string) {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
