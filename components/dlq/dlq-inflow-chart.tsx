"use client";
// "Inflow" on the DLQ page: records arriving per hour (by record timestamp), over a chosen range.
import { useState } from "react";
import { inflowRanges, type InflowRange } from "@/lib/contract/history-schemas";
import { useInflow } from "@/lib/query/history";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Panel } from "@/components/ui/panel";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { TimeSeriesChart } from "@/components/ui/time-series-chart";

const RANGE_WORDS: Record<InflowRange, string> = { "24h": "24 hours", "7d": "7 days", "30d": "30 days" };

export function DlqInflowChart({ cluster, topic }: { cluster: string; topic: string }) {
  const [range, setRange] = useState<InflowRange>("24h");
  const inflow = useInflow(cluster, topic, range);
  const data = inflow.data;

  return (
    <Panel
      title="Inflow"
      actions={
        <SegmentedControl
          label="Inflow range"
          segments={inflowRanges.map((r) => ({ value: r, label: r }))}
          value={range}
          onChange={setRange}
        />
      }
    >
      {inflow.error && !data ? <ErrorAlert>Could not load the inflow: {inflow.error.message}</ErrorAlert> : null}
      <div className={inflow.isPlaceholderData ? "opacity-60" : undefined}>
        <TimeSeriesChart
          label={`Records per hour into ${topic} over the last ${RANGE_WORDS[range]}`}
          variant="bars"
          totalUnit="records"
          points={data?.points.map((p) => ({ at: Date.parse(p.at), value: Number(p.count) })) ?? []}
          from={data ? Date.parse(data.from) : 0}
          to={data ? Date.parse(data.to) : 0}
          bucketMs={(data?.bucketSeconds ?? 0) * 1000}
          loading={inflow.isLoading}
          empty="No records arrived in this range."
        />
      </div>
    </Panel>
  );
}
