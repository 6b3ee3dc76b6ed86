// A failed action or read, announced to screen readers; the text is plain (server messages are never HTML).
import type { ReactNode } from "react";

export function ErrorAlert({ children }: { children: ReactNode }) {
  return (
    <div role="alert" className="flex items-start gap-2 rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-danger">
      <svg
        aria-hidden="true"
        viewBox="0 0 16 16"
        className="mt-0.5 size-4 shrink-0"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      >
        <circle cx="8" cy="8" r="6.2" />
        <path d="M8 4.8v3.6M8 11v.1" />
      </svg>
      <p className="min-w-0 font-medium [overflow-wrap:anywhere]">{children}</p>
    </div>
  );
}
