// A tiny inline bar chart for a short series (e.g. records per hour), drawn as SVG; the label carries the numbers.
import clsx from "clsx";

export function Sparkline({ values, label, className }: { values: readonly number[]; label: string; className?: string }) {
  const max = Math.max(1, ...values);
  const width = values.length * 3;
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} 16`}
      preserveAspectRatio="none"
      className={clsx("h-4 w-18 shrink-0", className)}
    >
      <title>{label}</title>
      <line x1="0" y1="15.5" x2={width} y2="15.5" stroke="currentColor" strokeOpacity="0.25" strokeWidth="1" />
      {values.map((value, index) =>
        value > 0 ? (
          // At least 2 units tall, so a single record in an hour is still visible.
          <rect
            key={index}
            x={index * 3}
            y={16 - Math.max(2, (value / max) * 16)}
            width="2"
            height={Math.max(2, (value / max) * 16)}
            fill="currentColor"
          />
        ) : null,
      )}
    </svg>
  );
}
