"use client";
// Operators' bulk actions above the message table: on everything matching the filters, or on the picked rows.
import { MAX_JOB_SELECTION } from "@/lib/contract/job-schemas";
import { formatCount } from "@/components/format/int64";
import type { BulkAction } from "@/components/jobs/bulk-job-dialog";
import { Button } from "@/components/ui/button";

export function BulkActionsBar({
  picked,
  onMatching,
  onPicked,
  onClearPicked,
}: {
  picked: number;
  onMatching: (action: BulkAction) => void;
  onPicked: (action: BulkAction) => void;
  onClearPicked: () => void;
}) {
  const tooMany = picked > MAX_JOB_SELECTION;
  return (
    <div role="group" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2">
      <Button size="sm" onClick={() => onMatching("redeliver")}>
        Redeliver all matching…
      </Button>
      <Button size="sm" variant="danger" onClick={() => onMatching("discard")}>
        Discard all matching…
      </Button>
      {picked > 0 ? (
        <>
          <span aria-hidden="true" className="mx-1 h-4 w-px bg-border-strong max-sm:hidden" />
          <Button size="sm" variant="primary" onClick={() => onPicked("redeliver")} disabled={tooMany}>
            Redeliver selected ({formatCount(picked)})
          </Button>
          <Button size="sm" variant="danger" onClick={() => onPicked("discard")} disabled={tooMany}>
            Discard selected ({formatCount(picked)})
          </Button>
          <Button size="sm" onClick={onClearPicked}>
            Clear selection
          </Button>
          {tooMany ? <span className="text-xs text-danger">A job takes at most {formatCount(MAX_JOB_SELECTION)} picked rows.</span> : null}
        </>
      ) : null}
    </div>
  );
}
