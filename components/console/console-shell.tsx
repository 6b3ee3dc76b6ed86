// The frame of every console page: navigation on the left (top on phones), cluster bar above the content.
import Link from "next/link";
import type { ReactNode } from "react";
import { hrefs } from "@/lib/query/hrefs";
import { ClusterHeader } from "./cluster-header";
import { SideNav } from "./side-nav";

export function ConsoleShell({ cluster, children }: { cluster: string; children: ReactNode }) {
  return (
    <div className="min-h-dvh md:grid md:grid-cols-[13rem_minmax(0,1fr)]">
      <a
        href="#main"
        className="sr-only z-50 rounded-md border border-border bg-surface font-medium text-accent focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="flex items-center gap-3 border-b border-border bg-surface px-3 py-2 md:sticky md:top-0 md:h-dvh md:flex-col md:items-stretch md:gap-4 md:border-r md:border-b-0 md:px-3 md:py-4">
        <Link href={hrefs.overview(cluster)} className="flex shrink-0 items-center gap-2 rounded-md px-1.5 font-semibold">
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5 text-accent" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
            <path d="M4 10a6 6 0 0 1 10.2-4.3M16 10a6 6 0 0 1-10.2 4.3" />
            <path d="M14.5 2.5v3.5H11M5.5 17.5V14H9" />
          </svg>
          <span className="max-sm:sr-only">Redrive</span>
        </Link>
        <SideNav cluster={cluster} />
      </aside>
      <div className="flex min-w-0 flex-col">
        <ClusterHeader cluster={cluster} />
        <main id="main" tabIndex={-1} className="flex min-w-0 flex-1 flex-col gap-5 px-4 py-5 outline-none md:px-6">{children}</main>
      </div>
    </div>
  );
}
