// Grey placeholder block shown while data loads.
import clsx from "clsx";

export function Skeleton({ className }: { className?: string }) {
  return <span aria-hidden="true" className={clsx("block rounded bg-surface-2 motion-safe:animate-pulse", className)} />;
}
