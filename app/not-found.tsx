import Link from "next/link";
import { hrefs } from "@/lib/contract/hrefs";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-3 p-6">
      <p className="font-mono text-xs text-muted">404</p>
      <h1 className="text-lg font-semibold">Page not found</h1>
      <p className="text-muted">There is no page at this address.</p>
      <Link href={hrefs.home()} className="text-accent underline-offset-2 hover:underline">
        Go to the overview
      </Link>
    </main>
  );
}
