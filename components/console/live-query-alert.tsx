"use client";
// The banner shown when a live read fails: for Kafka being down it names the brokers and says it keeps retrying.
import { useCluster } from "@/lib/query/clusters";
import { describeLiveQueryError } from "./describe-live-query-error";

export function LiveQueryAlert({
  error,
  cluster,
  subject,
  hasData,
}: {
  error: unknown;
  cluster: string;
  subject: string;
  hasData: boolean;
}) {
  const { cluster: clusterInfo } = useCluster(cluster);
  const brokers = clusterInfo?.brokers.join(", ");
  return (
    <div role="alert" className="flex items-start gap-2.5 rounded-lg border border-danger/40 bg-danger-soft px-3 py-2.5 text-danger">
      <svg
        aria-hidden="true"
        viewBox="0 0 16 16"
        className="mt-0.5 size-4 shrink-0"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      >
        <path d="M8 1.8 15 14H1z" strokeLinejoin="round" />
        <path d="M8 6.5v3.2M8 11.8v.1" />
      </svg>
      <div className="min-w-0 [overflow-wrap:anywhere]">
        <p className="font-medium">{describeLiveQueryError(error, brokers, subject)}</p>
        {hasData ? <p className="text-xs opacity-90">Showing the last data received.</p> : null}
      </div>
    </div>
  );
}
