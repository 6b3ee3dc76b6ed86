// An int64 decimal string shown with thousands separators; null shows "—" with an explanation on hover, never 0.
import { formatInt64 } from "@/components/format/int64";

export function Int64Text({ value, nullTitle = "Unknown" }: { value: string | null; nullTitle?: string }) {
  if (value === null) {
    return (
      <span title={nullTitle} className="text-muted">
        —
      </span>
    );
  }
  return <>{formatInt64(value)}</>;
}
