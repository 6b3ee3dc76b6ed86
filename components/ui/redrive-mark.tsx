// The Redrive logo: two arrows turning back on themselves (a message sent round again).
import clsx from "clsx";

export function RedriveMark({ className }: { className?: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className={clsx("text-accent", className)}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M4 10a6 6 0 0 1 10.2-4.3M16 10a6 6 0 0 1-10.2 4.3" />
      <path d="M14.5 2.5v3.5H11M5.5 17.5V14H9" />
    </svg>
  );
}
