// One row of a RankedList: the subject (usually a link) on the left, optional detail, a right-aligned figure.
import type { ReactNode } from "react";

export function RankedListItem({ subject, detail, figure }: { subject: ReactNode; detail?: ReactNode; figure: ReactNode }) {
  return (
    <li className="flex min-h-9 items-center gap-3 px-3 py-2 hover:bg-surface-2/60">
      <div className="min-w-0 flex-1">{subject}</div>
      {detail ? <div className="shrink-0">{detail}</div> : null}
      <div className="w-24 shrink-0 text-right font-mono whitespace-nowrap tabular-nums sm:w-32">{figure}</div>
    </li>
  );
}
