// A record that came back to the DLQ after Redrive redelivered it links to the record it was redelivered from.
import Link from "next/link";
import { hrefs } from "@/lib/contract/hrefs";
import type { RecordRef } from "@/lib/contract/schemas";
import { formatInt64 } from "@/components/format/int64";
import { linkClass } from "@/components/ui/table-styles";

export function RedriveSourceNote({ cluster, source }: { cluster: string; source: RecordRef }) {
  return (
    <div
      role="note"
      aria-label="Redelivery source"
      className="flex items-start gap-2.5 rounded-lg border border-warn/40 bg-warn-soft px-3 py-2.5"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 16 16"
        className="mt-0.5 size-4 shrink-0 text-warn"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M3 8a5 5 0 0 1 8.5-3.5M13 8a5 5 0 0 1-8.5 3.5" />
        <path d="M12 2v3H9M4 14v-3h3" />
      </svg>
      <p className="min-w-0 [overflow-wrap:anywhere]">
        <span className="font-medium text-warn">Failed again after redelivery.</span> Redrive redelivered this record from{" "}
        <Link href={hrefs.dlqMessage(cluster, source.topic, source.partition, source.offset)} className={`${linkClass} font-mono`}>
          {source.topic} partition {source.partition} offset {formatInt64(source.offset)}
        </Link>
        .
      </p>
    </div>
  );
}
