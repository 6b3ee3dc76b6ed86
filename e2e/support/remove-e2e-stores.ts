// Playwright's global teardown: removes this run's embedded stores (see playwright.config.ts).
import { rmSync } from "node:fs";

export default function removeE2eStores() {
  const dir = process.env.REDRIVE_E2E_DATA_DIR;
  // The consoles are still running and may write a file while the tree goes: retry rather than leave it behind.
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 });
}
