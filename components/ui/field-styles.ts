// Shared class names for form controls, so inputs and selects line up at the same height and border.
export const fieldLabelClass = "flex min-w-0 flex-col gap-1 text-xs font-medium text-muted";

export const controlClass =
  "h-8 w-full min-w-0 rounded-md border border-border-strong bg-surface px-2 text-sm font-normal text-fg placeholder:text-muted focus-visible:border-focus disabled:opacity-60";
