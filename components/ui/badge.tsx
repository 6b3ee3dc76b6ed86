// Small coloured label. Tones follow the console's status colours (DESIGN.md): ok green, warn amber, danger red, neutral grey.
import clsx from "clsx";
import type { ReactNode } from "react";

export type BadgeTone = "ok" | "warn" | "danger" | "neutral" | "dlq" | "accent";

const TONE_CLASSES: Record<BadgeTone, string> = {
  ok: "bg-ok-soft text-ok",
  warn: "bg-warn-soft text-warn",
  danger: "bg-danger-soft text-danger",
  neutral: "bg-neutral-soft text-neutral",
  dlq: "bg-dlq-soft text-dlq",
  accent: "bg-accent-soft text-accent",
};

export function Badge({ tone, title, children }: { tone: BadgeTone; title?: string; children: ReactNode }) {
  return (
    <span
      title={title}
      className={clsx(
        "inline-flex shrink-0 items-center rounded px-1.5 py-px text-[0.6875rem] leading-4 font-medium whitespace-nowrap",
        TONE_CLASSES[tone],
      )}
    >
      {children}
    </span>
  );
}
