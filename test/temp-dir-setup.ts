// Vitest global setup for the integration run: every temporary directory the tests make (stores, data dirs, the
// servers and CLIs they start) goes under one directory for the run, removed when the run ends. Several files set
// the app's REDRIVE_DATA_DIR at load and cannot remove it while their store is still open; left in /tmp, each run
// leaves half a gigabyte.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "redrive-vitest-"));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
