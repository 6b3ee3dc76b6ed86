// Full-width "this thing does not exist" message for an unknown topic, group or cluster.
import Link from "next/link";
import type { ReactNode } from "react";

export function NotFoundState({ title, backHref, backLabel }: { title: ReactNode; backHref: string; backLabel: string }) {
  return (
    <div className="flex flex-col items-start gap-3 rounded-lg border border-border bg-surface p-6">
      <p className="font-mono text-xs text-muted">404</p>
      <h1 className="text-lg font-semibold break-all">{title}</h1>
      <Link href={backHref} className="text-accent underline-offset-2 hover:underline">
        {backLabel}
      </Link>
    </div>
  );
}
