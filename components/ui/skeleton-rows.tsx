// Placeholder table rows while a table's data loads.
import { Skeleton } from "./skeleton";
import { tdClass } from "./table-styles";

export function SkeletonRows({ columns, rows = 6 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, row) => (
        <tr key={row} aria-hidden="true">
          {Array.from({ length: columns }, (_, column) => (
            <td key={column} className={tdClass}>
              <Skeleton className={column === 0 ? "h-4 w-3/4" : "ml-auto h-4 w-12"} />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}
