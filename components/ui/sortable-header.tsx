// A column header whose button sorts the table; aria-sort tells assistive technology the current order.
import clsx from "clsx";
import { thClass } from "./table-styles";

type Direction = "asc" | "desc";

export function SortableHeader({
  label,
  active,
  direction,
  onSort,
  align = "left",
  className,
}: {
  label: string;
  active: boolean;
  direction: Direction;
  onSort: () => void;
  align?: "left" | "right";
  className?: string;
}) {
  const ariaSort = active ? (direction === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" aria-sort={ariaSort} className={clsx(thClass, align === "right" && "text-right", className)}>
      <button
        type="button"
        onClick={onSort}
        className={clsx(
          "-mx-1 inline-flex items-center gap-1 rounded px-1 align-top hover:text-fg",
          align === "right" && "flex-row-reverse",
          active && "text-fg",
        )}
      >
        {label}
        <svg aria-hidden="true" viewBox="0 0 10 10" className={clsx("size-2.5", !active && "opacity-30")} fill="currentColor">
          {active && direction === "desc" ? (
            <path d="M1 3h8L5 8z" />
          ) : active ? (
            <path d="M1 7h8L5 2z" />
          ) : (
            <path d="M2 4h6L5 1zM2 6h6L5 9z" />
          )}
        </svg>
      </button>
    </th>
  );
}
