// One labelled figure in a summary strip (e.g. "Partitions 12").
import clsx from "clsx";
import type { ReactNode } from "react";

export function Stat({
  label,
  children,
  numeric = false,
  title,
}: {
  label: string;
  children: ReactNode;
  numeric?: boolean;
  title?: string;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1 bg-surface px-3 py-2.5">
      <dt className="text-xs text-muted">{label}</dt>
      <dd
        title={title}
        className={clsx("min-w-0 text-base font-semibold", numeric ? "font-mono tabular-nums [overflow-wrap:anywhere]" : "truncate")}
      >
        {children}
      </dd>
    </div>
  );
}
