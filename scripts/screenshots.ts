// Screenshots of the console's pages in light, dark and a 390px phone width, for the README and visual review.
// Usage: npx tsx scripts/screenshots.ts [baseUrl]   (default http://localhost:3000) → docs/screenshots/*.png
// Signs in as REDRIVE_USER / REDRIVE_PASSWORD (default: the demo's admin).
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { signInCookie } from "./sign-in";

const baseUrl = (process.argv[2] ?? "http://localhost:3000").replace(/\/$/, "");
const outDir = path.join(process.cwd(), "docs", "screenshots");
const cluster = "default";
const username = process.env.REDRIVE_USER ?? "admin";
const password = process.env.REDRIVE_PASSWORD ?? "redrive-demo-admin";
let sessionCookie = "";

type Variant = { suffix: string; width: number; height: number; colorScheme: "light" | "dark" };
const VARIANTS: Variant[] = [
  { suffix: "", width: 1440, height: 900, colorScheme: "light" },
  { suffix: "-dark", width: 1440, height: 900, colorScheme: "dark" },
  { suffix: "-mobile", width: 390, height: 844, colorScheme: "light" },
];

async function getJson<T>(pathname: string): Promise<T> {
  const response = await fetch(`${baseUrl}${pathname}`, { headers: { cookie: sessionCookie } });
  if (!response.ok) throw new Error(`${pathname} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Pick a topic and a group worth showing: the fullest DLQ (or topic) and the most lagging group. */
async function pickSubjects(): Promise<{ topic: string | undefined; group: string | undefined }> {
  const topics = await getJson<{ name: string; isDlq: boolean; isInternal: boolean; messages: string }[]>(`/api/clusters/${cluster}/topics`);
  const groups = await getJson<{ groupId: string; members: number; totalLag: string | null }[]>(`/api/clusters/${cluster}/groups`);
  const byMessages = topics.filter((t) => !t.isInternal).sort((a, b) => (BigInt(b.messages) > BigInt(a.messages) ? 1 : -1));
  const topic = byMessages.find((t) => t.isDlq) ?? byMessages[0];
  const byLag = groups
    .filter((g) => g.totalLag !== null)
    .sort((a, b) => (BigInt(b.totalLag ?? "0") > BigInt(a.totalLag ?? "0") ? 1 : -1));
  const group = byLag.find((g) => g.members > 0) ?? byLag[0];
  return { topic: topic?.name, group: group?.groupId };
}

async function shoot(browser: Browser, name: string, pathname: string, variant: Variant) {
  const context = await browser.newContext({
    viewport: { width: variant.width, height: variant.height },
    colorScheme: variant.colorScheme,
    deviceScaleFactor: variant.width < 600 ? 2 : 1,
  });
  const [cookieName, ...cookieValue] = sessionCookie.split("=");
  await context.addCookies([{ name: cookieName!, value: cookieValue.join("="), url: baseUrl }]);
  const page: Page = await context.newPage();
  await page.goto(`${baseUrl}${pathname}`, { waitUntil: "networkidle" }).catch(() => undefined);
  // Live pages say "Updated …" once their data is in; error and 404 states never do, so do not wait forever.
  await page.getByText(/^Updated /).first().waitFor({ timeout: 15_000 }).catch(() => undefined);
  await page.locator("[aria-hidden=true][class*=animate-pulse]").first().waitFor({ state: "detached", timeout: 10_000 }).catch(() => undefined);
  // The development build's corner badge is not part of the product.
  await page.addStyleTag({ content: "nextjs-portal { display: none !important; }" });
  await page.waitForTimeout(300);
  const file = path.join(outDir, `${name}${variant.suffix}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await context.close();
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

async function main() {
  await mkdir(outDir, { recursive: true });
  sessionCookie = await signInCookie(baseUrl, username, password);
  const { topic, group } = await pickSubjects();
  const pages: [string, string][] = [
    ["overview", `/clusters/${cluster}`],
    ["topics", `/clusters/${cluster}/topics`],
    ["groups", `/clusters/${cluster}/groups`],
    ["dlqs", `/clusters/${cluster}/dlqs`],
    ["audit", "/audit"],
    ["settings", "/settings"],
  ];
  if (topic) pages.push(["topic", `/clusters/${cluster}/topics/${encodeURIComponent(topic)}`]);
  if (group) pages.push(["group", `/clusters/${cluster}/groups/${encodeURIComponent(group)}`]);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    for (const [name, pathname] of pages) {
      for (const variant of VARIANTS) await shoot(browser, name, pathname, variant);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
