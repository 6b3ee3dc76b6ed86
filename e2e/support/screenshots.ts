// Screenshots of one part of a page in light, dark and at a 390 px phone width, for the README and visual review.
import type { Locator, Page } from "@playwright/test";

export async function screenshotVariants(page: Page, target: Locator, name: string): Promise<void> {
  const shoot = async (suffix: string) => {
    await page.waitForTimeout(400);
    await target.screenshot({ path: `docs/screenshots/${name}${suffix}.png` });
  };
  await shoot("");
  await page.emulateMedia({ colorScheme: "dark" });
  await shoot("-dark");
  await page.emulateMedia({ colorScheme: "light" });
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot("-mobile");
  await page.setViewportSize(viewport);
}
