// The console's button: primary for a form's one main action, secondary for the rest, danger for revoking and disabling.
import clsx from "clsx";
import type { ComponentProps } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger";

const VARIANT_CLASSES: Record<ButtonVariant, string> = {
  primary: "border-accent bg-accent text-surface hover:opacity-90",
  secondary: "border-border-strong bg-surface text-fg hover:bg-surface-2",
  danger: "border-danger/50 bg-surface text-danger hover:bg-danger-soft",
};

export function Button({
  variant = "secondary",
  size = "md",
  type = "button",
  className,
  ...props
}: ComponentProps<"button"> & { variant?: ButtonVariant; size?: "sm" | "md" }) {
  return (
    <button
      type={type}
      className={clsx(
        "inline-flex shrink-0 items-center justify-center gap-1.5 rounded-md border font-medium whitespace-nowrap disabled:cursor-not-allowed disabled:opacity-60",
        size === "sm" ? "h-7 px-2 text-xs" : "h-8 px-3 text-sm",
        VARIANT_CLASSES[variant],
        className,
      )}
      {...props}
    />
  );
}
