// A compact bordered list of "name … figure" rows, used by the overview's panels.
import type { ReactNode } from "react";

export function RankedList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul aria-label={label} className="max-h-96 divide-y divide-border overflow-auto rounded-lg border border-border bg-surface">
      {children}
    </ul>
  );
}
