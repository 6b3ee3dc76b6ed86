// Placeholder rows for a RankedList while its data loads.
import { Skeleton } from "./skeleton";

export function RankedListSkeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div aria-hidden="true" className="divide-y divide-border rounded-lg border border-border bg-surface">
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="flex min-h-9 items-center justify-between gap-3 px-3 py-2">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-4 w-12" />
        </div>
      ))}
    </div>
  );
}
