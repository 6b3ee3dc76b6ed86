// Full-width "your role does not allow this page" message: no forms and no data behind it.
import Link from "next/link";
import type { ReactNode } from "react";
import { hrefs } from "@/lib/contract/hrefs";

export function ForbiddenState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-start gap-3 rounded-lg border border-border bg-surface p-6">
      <p className="font-mono text-xs text-muted">403</p>
      <h1 className="text-lg font-semibold">{title}</h1>
      {children ? <div className="text-muted">{children}</div> : null}
      <Link href={hrefs.home()} className="text-accent underline-offset-2 hover:underline">
        Go to the overview
      </Link>
    </div>
  );
}
