// Playwright's global teardown: removes this run's embedded stores (see playwright.config.ts).
import { rmSync } from "node:fs";

export default function removeE2eStores() {
  const dir = process.env.REDRIVE_E2E_DATA_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
