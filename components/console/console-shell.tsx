// The frame of every console page: navigation on the left (top on phones), the top bar above the content.
import type { ReactNode } from "react";
import { SignedOutRedirect } from "@/components/auth/signed-out-redirect";
import { APP_VERSION } from "@/lib/version";
import { ConsoleHeader } from "./console-header";
import { ConsoleHomeLink } from "./console-home-link";
import { SideNav } from "./side-nav";

export function ConsoleShell({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-dvh md:grid md:grid-cols-[13rem_minmax(0,1fr)]">
      <SignedOutRedirect />
      <a
        href="#main"
        className="sr-only z-50 rounded-md border border-border bg-surface font-medium text-accent focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="flex items-center gap-3 border-b border-border bg-surface px-3 py-2 md:sticky md:top-0 md:h-dvh md:flex-col md:items-stretch md:gap-4 md:border-r md:border-b-0 md:px-3 md:py-4">
        <ConsoleHomeLink />
        <SideNav />
        {/* A server component: the version is rendered here, so the browser bundle needs no package.json. */}
        <p className="mt-auto hidden px-2.5 text-xs text-muted md:block">Redrive {APP_VERSION}</p>
      </aside>
      <div className="flex min-w-0 flex-col">
        <ConsoleHeader />
        <main id="main" tabIndex={-1} className="flex min-w-0 flex-1 flex-col gap-5 px-4 py-5 outline-none md:px-6">
          {children}
        </main>
      </div>
    </div>
  );
}
