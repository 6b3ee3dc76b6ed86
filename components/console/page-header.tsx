// Page title row: an h1 (untrusted names wrap rather than overflow), optional badges and a freshness label.
import type { ReactNode } from "react";

export function PageHeader({
  title,
  eyebrow,
  badges,
  aside,
}: {
  title: string;
  eyebrow?: ReactNode;
  badges?: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-2">
      <div className="flex min-w-0 flex-col gap-1">
        {eyebrow}
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <h1 className="min-w-0 text-xl font-semibold [overflow-wrap:anywhere]">{title}</h1>
          {badges}
        </div>
      </div>
      {aside ? <div className="flex items-center gap-3">{aside}</div> : null}
    </div>
  );
}
