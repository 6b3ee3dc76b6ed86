// Screenshots of the console's pages in light, dark and a 390px phone width, for the README and visual review.
// Usage: npx tsx scripts/screenshots.ts [baseUrl] [name…]   (default http://localhost:3000; every page, or only the
// named ones, e.g. `job dlq-bulk-dialog`) → docs/screenshots/*.png
// Signs in as REDRIVE_USER / REDRIVE_PASSWORD (default: the demo's admin).
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { signInCookie } from "./sign-in";

const baseUrl = (process.argv[2] ?? "http://localhost:3000").replace(/\/$/, "");
const only = new Set(process.argv.slice(3));
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

/** Pick subjects worth showing: the fullest DLQ (or topic), the most lagging group, the DLQ with the most pending
 * records (for the bulk job dialog) and the newest job. */
async function pickSubjects(): Promise<{
  topic: string | undefined;
  group: string | undefined;
  dlq: string | undefined;
  job: string | undefined;
}> {
  const topics = await getJson<{ name: string; isDlq: boolean; isInternal: boolean; messages: string }[]>(
    `/api/clusters/${cluster}/topics`,
  );
  const groups = await getJson<{ groupId: string; members: number; totalLag: string | null }[]>(`/api/clusters/${cluster}/groups`);
  const byMessages = topics.filter((t) => !t.isInternal).sort((a, b) => (BigInt(b.messages) > BigInt(a.messages) ? 1 : -1));
  const topic = byMessages.find((t) => t.isDlq) ?? byMessages[0];
  const byLag = groups.filter((g) => g.totalLag !== null).sort((a, b) => (BigInt(b.totalLag ?? "0") > BigInt(a.totalLag ?? "0") ? 1 : -1));
  const group = byLag.find((g) => g.members > 0) ?? byLag[0];
  const dlqs = await getJson<{ topic: string; pending: string }[]>(`/api/clusters/${cluster}/dlqs`);
  const dlq = dlqs.filter((d) => d.pending !== "0").sort((a, b) => (BigInt(b.pending) > BigInt(a.pending) ? 1 : -1))[0];
  const { jobs } = await getJson<{ jobs: { id: string }[] }>("/api/jobs?limit=1");
  return { topic: topic?.name, group: group?.groupId, dlq: dlq?.topic, job: jobs[0]?.id };
}

/** A page to capture; `prepare` brings it to the state worth showing (a dialog open), which is then shot as the
 * viewport shows it rather than the full page. */
type Shot = { name: string; pathname: string; prepare?: (page: Page) => Promise<void> };

/** The DLQ page with the bulk job dialog open on everything pending, once its dry run has answered. */
async function openBulkDialog(page: Page) {
  await page.getByRole("button", { name: "Redeliver all matching…" }).click();
  await page.getByRole("dialog", { name: "New bulk job" }).getByRole("table", { name: "Sample" }).waitFor({ timeout: 15_000 });
}

async function shoot(browser: Browser, { name, pathname, prepare }: Shot, variant: Variant) {
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
  await page
    .getByText(/^Updated /)
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(() => undefined);
  await page
    .locator("[aria-hidden=true][class*=animate-pulse]")
    .first()
    .waitFor({ state: "detached", timeout: 10_000 })
    .catch(() => undefined);
  // The development build's corner badge is not part of the product.
  await page.addStyleTag({ content: "nextjs-portal { display: none !important; }" });
  await prepare?.(page);
  await page.waitForTimeout(300);
  const file = path.join(outDir, `${name}${variant.suffix}.png`);
  await page.screenshot({ path: file, fullPage: !prepare });
  await context.close();
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

async function main() {
  await mkdir(outDir, { recursive: true });
  sessionCookie = await signInCookie(baseUrl, username, password);
  const { topic, group, dlq, job } = await pickSubjects();
  const pages: Shot[] = [
    { name: "overview", pathname: `/clusters/${cluster}` },
    { name: "topics", pathname: `/clusters/${cluster}/topics` },
    { name: "groups", pathname: `/clusters/${cluster}/groups` },
    { name: "dlqs", pathname: `/clusters/${cluster}/dlqs` },
    { name: "jobs", pathname: "/jobs" },
    { name: "audit", pathname: "/audit" },
    { name: "settings", pathname: "/settings" },
  ];
  if (topic) pages.push({ name: "topic", pathname: `/clusters/${cluster}/topics/${encodeURIComponent(topic)}` });
  if (group) pages.push({ name: "group", pathname: `/clusters/${cluster}/groups/${encodeURIComponent(group)}` });
  if (dlq)
    pages.push({ name: "dlq-bulk-dialog", pathname: `/clusters/${cluster}/dlqs/${encodeURIComponent(dlq)}`, prepare: openBulkDialog });
  if (job) pages.push({ name: "job", pathname: `/jobs/${encodeURIComponent(job)}` });

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    for (const shot of pages.filter((p) => only.size === 0 || only.has(p.name))) {
      for (const variant of VARIANTS) await shoot(browser, shot, variant);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
