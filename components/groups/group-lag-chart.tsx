"use client";
// "Lag over time" on the group page: the group's total lag as the server sampled it, over a chosen range.
import { useState } from "react";
import { lagRanges, type LagRange } from "@/lib/contract/history-schemas";
import { useLagHistory } from "@/lib/query/history";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Panel } from "@/components/ui/panel";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { TimeSeriesChart } from "@/components/ui/time-series-chart";

const RANGE_WORDS: Record<LagRange, string> = { "1h": "hour", "6h": "6 hours", "24h": "24 hours", "7d": "7 days" };

export function GroupLagChart({ cluster, group }: { cluster: string; group: string }) {
  const [range, setRange] = useState<LagRange>("1h");
  const history = useLagHistory(cluster, group, range);
  const data = history.data;

  return (
    <Panel
      title="Lag over time"
      actions={
        <SegmentedControl label="Lag range" segments={lagRanges.map((r) => ({ value: r, label: r }))} value={range} onChange={setRange} />
      }
    >
      {history.error && !data ? <ErrorAlert>Could not load the lag history: {history.error.message}</ErrorAlert> : null}
      <div className={history.isPlaceholderData ? "opacity-60" : undefined}>
        <TimeSeriesChart
          label={`Total lag of ${group} over the last ${RANGE_WORDS[range]}`}
          variant="line"
          points={data?.points.map((p) => ({ at: Date.parse(p.at), value: Number(p.lag) })) ?? []}
          from={data ? Date.parse(data.from) : 0}
          to={data ? Date.parse(data.to) : 0}
          bucketMs={(data?.bucketSeconds ?? 0) * 1000}
          loading={history.isLoading}
          empty={
            <>No lag sampled in this range yet. The server samples every group&apos;s lag once a minute (REDRIVE_LAG_SAMPLE_SECONDS).</>
          }
        />
      </div>
    </Panel>
  );
}
