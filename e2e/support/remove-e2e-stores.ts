// Playwright's global teardown: removes this run's embedded stores (see playwright.config.ts).
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";

export default function removeE2eStores() {
  const dir = process.env.REDRIVE_E2E_DATA_DIR;
  if (!dir) return;
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // A console still running wrote a file meanwhile (its WAL); the sweep below takes it.
  }
  // The consoles are stopped only after this teardown and may write a little more: sweep again once they are gone.
  spawn("sh", ["-c", 'sleep 20; rm -rf "$0"', dir], { detached: true, stdio: "ignore" }).unref();
}
