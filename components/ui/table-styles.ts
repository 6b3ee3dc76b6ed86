// Shared class names for the console's dense data tables, so every table lines up the same way.
export const tableClass = "w-full border-separate border-spacing-0 text-sm";

/** Header cells stick to the top of the table's scroll container; the inset shadow draws a border that sticks with them. */
export const thClass =
  "sticky top-0 z-10 bg-surface-2 px-3 py-2 text-left text-xs font-medium whitespace-nowrap text-muted shadow-[inset_0_-1px_0_var(--border)]";

export const tdClass = "border-b border-border px-3 py-2 align-middle";

/** Numbers and offsets: right-aligned, monospace, every digit the same width. */
export const numericClass = "text-right font-mono tabular-nums whitespace-nowrap";

/** In an auto-layout table, the column holding names takes the spare width and truncates instead of stretching the table. */
export const nameCellClass = "w-full max-w-0";

export const rowClass = "hover:bg-surface-2/60 [&:last-child>td]:border-b-0";

export const linkClass = "text-accent underline-offset-2 hover:underline";
