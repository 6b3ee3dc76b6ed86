// The sign-in page: outside the console shell, since nothing in the console can be shown before signing in.
import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNextPath } from "@/lib/auth/next-path";
import { ThemeToggle } from "@/components/console/theme-toggle";
import { RedriveMark } from "@/components/ui/redrive-mark";

export const metadata: Metadata = { title: "Sign in" };

const HEADING_ID = "sign-in-heading";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  return (
    <div className="flex min-h-dvh flex-col">
      <div className="flex justify-end p-3">
        <ThemeToggle />
      </div>
      <main className="flex flex-1 items-start justify-center px-4 pt-[12dvh] pb-10">
        <div className="flex w-full max-w-sm flex-col gap-6">
          <div className="flex flex-col items-center gap-3 text-center">
            <span className="inline-flex items-center gap-2 text-base font-semibold">
              <RedriveMark className="size-7" />
              Redrive
            </span>
            <h1 id={HEADING_ID} className="text-xl font-semibold">
              Sign in to Redrive
            </h1>
          </div>
          <div className="rounded-lg border border-border bg-surface p-5 shadow-sm">
            <SignInForm next={safeNextPath(typeof next === "string" ? next : null)} labelledBy={HEADING_ID} />
          </div>
          <p className="text-center text-xs text-muted">Accounts are created by a Redrive admin.</p>
        </div>
      </main>
    </div>
  );
}
