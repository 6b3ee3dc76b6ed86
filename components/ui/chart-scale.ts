// The arithmetic behind the SVG charts: a rounded top for the value axis, linear scales, time ticks, and a line path
// that breaks where samples are missing (an instance was down) instead of drawing a slope across the gap.

export interface ChartPoint {
  /** ms since the epoch */
  at: number;
  value: number;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ max (and at least 1), so axis labels are round numbers. */
export function niceCeiling(max: number): number {
  if (!(max > 1)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= max) return step * magnitude;
  }
  return 10 * magnitude;
}

/** Maps [d0, d1] onto [r0, r1]; an empty domain maps everything to r0. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** `count` evenly spaced instants from `from` to `to`, both ends included. */
export function timeTicks(from: number, to: number, count: number): number[] {
  if (count < 2) return [from];
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

/**
 * An SVG path through the points in time order; consecutive points further apart than `maxGapMs` start a new
 * segment, so a gap in sampling shows as a gap. A lone point becomes a short horizontal tick so it stays visible.
 */
export function linePath(points: readonly ChartPoint[], x: (at: number) => number, y: (value: number) => number, maxGapMs: number): string {
  const sorted = [...points].sort((a, b) => a.at - b.at);
  const segments: ChartPoint[][] = [];
  for (const point of sorted) {
    const current = segments.at(-1);
    const previous = current?.at(-1);
    if (current && previous && point.at - previous.at <= maxGapMs) current.push(point);
    else segments.push([point]);
  }
  const round = (n: number) => Math.round(n * 10) / 10;
  return segments
    .map((segment) => {
      if (segment.length === 1) {
        const [p] = segment;
        return `M${round(x(p!.at) - 2)},${round(y(p!.value))}H${round(x(p!.at) + 2)}`;
      }
      return segment.map((p, i) => `${i === 0 ? "M" : "L"}${round(x(p.at))},${round(y(p.value))}`).join("");
    })
    .join("");
}

/** "latest 12, highest 40 over 57 points" (and the total, for counts that add up) — what a screen reader hears. */
export function summarisePoints(points: readonly ChartPoint[], format: (value: number) => string, totalUnit?: string): string {
  if (points.length === 0) return "no data";
  const latest = [...points].sort((a, b) => a.at - b.at).at(-1)!;
  const highest = Math.max(...points.map((p) => p.value));
  const total = totalUnit ? `, ${format(points.reduce((sum, p) => sum + p.value, 0))} ${totalUnit} in all` : "";
  return `latest ${format(latest.value)}, highest ${format(highest)}${total} over ${points.length} points`;
}
