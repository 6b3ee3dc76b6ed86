// A small row of mutually exclusive view buttons ("Pretty | Raw | Hex"); aria-pressed marks the chosen one.
import clsx from "clsx";

export type Segment<Value extends string> = { value: Value; label: string };

export function SegmentedControl<Value extends string>({
  label,
  segments,
  value,
  onChange,
}: {
  label: string;
  segments: readonly Segment<Value>[];
  value: Value;
  onChange: (value: Value) => void;
}) {
  return (
    <div
      role="group"
      aria-label={label}
      className="inline-flex shrink-0 self-start rounded-md border border-border-strong bg-surface p-0.5"
    >
      {segments.map((segment) => (
        <button
          key={segment.value}
          type="button"
          aria-pressed={segment.value === value}
          onClick={() => onChange(segment.value)}
          className={clsx(
            "h-6 rounded px-2 text-xs font-medium whitespace-nowrap",
            segment.value === value ? "bg-accent-soft text-accent" : "text-muted hover:text-fg",
          )}
        >
          {segment.label}
        </button>
      ))}
    </div>
  );
}
