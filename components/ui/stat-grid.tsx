// A row of Stat cells separated by hairlines; wraps to fewer columns on narrow screens.
import type { ReactNode } from "react";

export function StatGrid({ label, children }: { label: string; children: ReactNode }) {
  return (
    <dl
      aria-label={label}
      className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-border bg-border sm:grid-cols-3 xl:grid-cols-6"
    >
      {children}
    </dl>
  );
}
