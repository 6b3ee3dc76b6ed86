// A designed "nothing here" message for an empty table or panel.
import type { ReactNode } from "react";

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-1 px-4 py-10 text-center">
      <p className="font-medium">{title}</p>
      {children ? <div className="max-w-md text-muted">{children}</div> : null}
    </div>
  );
}
