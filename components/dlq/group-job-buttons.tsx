"use client";
// The chosen failure group's bulk actions (operators): a job on every pending record of the group.
import type { BulkAction } from "@/components/jobs/bulk-job-dialog";
import { Button } from "@/components/ui/button";

export function GroupJobButtons({ onStart }: { onStart: (action: BulkAction) => void }) {
  return (
    <div className="flex flex-wrap gap-2">
      <Button size="sm" onClick={() => onStart("redeliver")}>
        Redeliver group…
      </Button>
      <Button size="sm" variant="danger" onClick={() => onStart("discard")}>
        Discard group…
      </Button>
    </div>
  );
}
