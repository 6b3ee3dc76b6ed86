// The consumer's embedded PGlite is one process's database. A lock file beside its data stops a second consumer
// from opening the same directory and corrupting it. The demo's own copy of Redrive's store lock: the demo is a
// Kafka client and uses nothing of Redrive's server.
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock on `dataDir` for this process; returns the function that releases it. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "redrive.lock");
  try {
    writeFileSync(file, String(process.pid), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = Number.parseInt(readFileSync(file, "utf8"), 10);
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `${dataDir} is in use by another demo consumer; give this one its own DEMO_CONSUMER_DATA_DIR, or share a PostgreSQL through DEMO_CONSUMER_DATABASE_URL`,
      );
    }
    // The holder died without cleaning up (kill -9, a crash): the lock is stale, take it over.
    writeFileSync(file, String(process.pid));
  }
  const release = () => {
    try {
      if (readFileSync(file, "utf8") === String(process.pid)) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  process.once("exit", release);
  return release;
}
