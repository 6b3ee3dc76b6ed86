// The bordered, scrollable box around a data table: sticky headers stay visible as its rows scroll.
import clsx from "clsx";
import type { ReactNode, Ref } from "react";

export function TableContainer({ children, className, ref }: { children: ReactNode; className?: string; ref?: Ref<HTMLDivElement> }) {
  return (
    <div ref={ref} className={clsx("overflow-auto rounded-lg border border-border bg-surface", className ?? "max-h-[70dvh]")}>
      {children}
    </div>
  );
}
