"use client";
// A small, dependency-free SVG chart of values over time — a line (sampled lag) or bars (records per hour) — with a
// round-numbered value axis, time labels, loading and empty states. It is one image to assistive technology: its
// label says what it shows and summarises the numbers (latest, highest); each bar's title gives its exact value.
import type { ReactNode } from "react";
import { formatCount } from "@/components/format/int64";
import { formatUtc } from "@/components/format/relative-time";
import { linearScale, linePath, niceCeiling, summarisePoints, timeTicks, type ChartPoint } from "./chart-scale";
import { Skeleton } from "./skeleton";
import { useElementWidth } from "./use-element-width";

const HEIGHT = 168;
const MARGIN = { top: 8, right: 8, bottom: 22, left: 44 };
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

function timeLabel(ms: number, spanMs: number): string {
  const date = new Date(ms);
  const hhmm = `${String(date.getUTCHours()).padStart(2, "0")}:${String(date.getUTCMinutes()).padStart(2, "0")}`;
  return spanMs > 36 * 3_600_000 ? `${date.getUTCMonth() + 1}/${date.getUTCDate()} ${hhmm}` : hhmm;
}

export interface TimeSeriesChartProps {
  /** What the chart shows, e.g. "Lag of billing over the last 6 hours". */
  label: string;
  variant: "line" | "bars";
  points: readonly ChartPoint[];
  from: number;
  to: number;
  /** Width of one point's bucket: bars are this wide, and line points further apart than twice this are a gap. */
  bucketMs: number;
  /** For bars, what one value counts ("records"): the summary then adds the total. */
  totalUnit?: string;
  loading?: boolean;
  empty: ReactNode;
}

export function TimeSeriesChart({ label, variant, points, from, to, bucketMs, totalUnit, loading, empty }: TimeSeriesChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const hasData = points.some((p) => p.value > 0) || (variant === "line" && points.length > 0);
  const summary = `${label}: ${loading ? "loading" : summarisePoints(points, formatCount, totalUnit)}`;

  return (
    <div ref={ref} className="relative min-w-0 rounded-lg border border-border bg-surface" style={{ height: HEIGHT }}>
      {loading ? (
        <div role="img" aria-label={summary} aria-busy="true" className="flex h-full flex-col justify-end gap-2 p-4">
          <Skeleton className="h-full w-full" />
        </div>
      ) : !hasData ? (
        <div role="img" aria-label={summary} className="flex h-full items-center justify-center px-4 text-center text-sm text-muted">
          {empty}
        </div>
      ) : width > 0 ? (
        <ChartSvg {...{ label, summary, variant, points, from, to, bucketMs, width }} />
      ) : null}
    </div>
  );
}

function ChartSvg({
  summary,
  variant,
  points,
  from,
  to,
  bucketMs,
  width,
}: Omit<TimeSeriesChartProps, "empty" | "loading"> & { summary: string; width: number }) {
  const plotRight = width - MARGIN.right;
  const plotBottom = HEIGHT - MARGIN.bottom;
  const top = niceCeiling(Math.max(...points.map((p) => p.value)));
  const x = linearScale(from, to, MARGIN.left, plotRight);
  const y = linearScale(0, top, plotBottom, MARGIN.top);
  const valueTicks = [0, top / 2, top];
  const ticks = timeTicks(from, to, width < 480 ? 3 : 5);
  const latest = points.reduce<ChartPoint | undefined>((last, p) => (!last || p.at > last.at ? p : last), undefined);
  const barWidth = Math.max(1, x(from + bucketMs) - x(from) - (x(from + bucketMs) - x(from) > 3 ? 1 : 0));

  return (
    <svg role="img" aria-label={summary} width={width} height={HEIGHT} className="block text-muted">
      <title>{summary}</title>
      {valueTicks.map((tick) => (
        <g key={tick}>
          <line x1={MARGIN.left} x2={plotRight} y1={y(tick)} y2={y(tick)} stroke="currentColor" strokeOpacity={tick === 0 ? 0.5 : 0.18} />
          <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" fontSize="11" fill="currentColor" className="tabular-nums">
            {compact.format(tick)}
          </text>
        </g>
      ))}
      {ticks.map((tick, i) => (
        <text
          key={tick}
          x={x(tick)}
          y={HEIGHT - 6}
          fontSize="11"
          fill="currentColor"
          textAnchor={i === 0 ? "start" : i === ticks.length - 1 ? "end" : "middle"}
          className="tabular-nums"
        >
          {timeLabel(tick, to - from)}
        </text>
      ))}
      {variant === "line" ? (
        <g>
          <path
            d={linePath(points, x, y, bucketMs * 2.5)}
            fill="none"
            stroke="var(--accent)"
            strokeWidth="2"
            strokeLinejoin="round"
            strokeLinecap="round"
          />
          {latest ? (
            // The latest sample stands out, so a series that has only just begun is still seen.
            <circle cx={x(latest.at)} cy={y(latest.value)} r="3.5" fill="var(--accent)" stroke="var(--surface)" strokeWidth="1.5" />
          ) : null}
        </g>
      ) : (
        <g fill="var(--dlq)">
          {points.map((p) =>
            p.value > 0 ? (
              // At least 2 px tall, so one record in an hour still shows against a busy hour.
              <rect
                key={p.at}
                x={x(p.at)}
                y={Math.min(y(p.value), plotBottom - 2)}
                width={barWidth}
                height={Math.max(2, plotBottom - y(p.value))}
              >
                <title>{`${formatCount(p.value)} at ${formatUtc(p.at)}`}</title>
              </rect>
            ) : null,
          )}
        </g>
      )}
    </svg>
  );
}
