// Reads REDRIVE_CONFIG again on SIGHUP and when the file changes (watched through its directory, since editors and
// Kubernetes ConfigMaps replace a file rather than write into it). A bad new file is refused with one log line naming
// the path and the field, and the running clusters stay as they are.
import "server-only";
import { watch, type FSWatcher } from "node:fs";
import { basename, dirname } from "node:path";
import { InvalidClusterConfigError } from "@/lib/config/cluster-file";
import { reloadClusters } from "@/lib/config/clusters";
import { log } from "@/lib/log";

/** Several events arrive for one save (truncate, write, rename); one read after they settle. */
const DEBOUNCE_MS = 300;

const holder = globalThis as { __redriveConfigWatch?: { watcher?: FSWatcher; onHangUp: () => void } };

/** Reloads the cluster configuration now; answers false (and logs why) when the new file was refused. */
export function reloadClusterConfig(): boolean {
  try {
    reloadClusters();
    return true;
  } catch (error) {
    // The message names the path and the field, never a value (see cluster-file.ts).
    const reason =
      error instanceof InvalidClusterConfigError ? error.message : `REDRIVE_CONFIG could not be read again: ${(error as Error).message}`;
    log.error(`${reason} (refused; the running clusters are kept)`);
    return false;
  }
}

/** Reloads on SIGHUP, and on changes to the file at `path` when one is configured. */
export function watchClusterConfig(path: string | undefined): void {
  if (holder.__redriveConfigWatch) return;
  let timer: NodeJS.Timeout | undefined;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(reloadClusterConfig, DEBOUNCE_MS);
    timer.unref();
  };
  const onHangUp = () => void reloadClusterConfig();
  process.on("SIGHUP", onHangUp);
  const name = path && basename(path);
  // "..data" is the link a Kubernetes ConfigMap volume swaps to publish a new version of its files.
  const watcher = path ? watch(dirname(path), (_, changed) => (changed === name || changed === "..data") && soon()) : undefined;
  watcher?.unref();
  holder.__redriveConfigWatch = { watcher, onHangUp };
}

/** Stops watching (tests, and a server shutting down). */
export function unwatchClusterConfig(): void {
  const watching = holder.__redriveConfigWatch;
  if (!watching) return;
  watching.watcher?.close();
  process.off("SIGHUP", watching.onHangUp);
  holder.__redriveConfigWatch = undefined;
}
