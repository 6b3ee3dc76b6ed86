// A table's header with placeholder rows, shown until its data arrives.
import clsx from "clsx";
import { SkeletonRows } from "./skeleton-rows";
import { TableContainer } from "./table-container";
import { tableClass, thClass } from "./table-styles";

export type LoadingColumn = { label: string; numeric?: boolean };

export function LoadingTable({ label, columns, rows = 6 }: { label: string; columns: readonly LoadingColumn[]; rows?: number }) {
  return (
    <TableContainer>
      <table aria-label={label} aria-busy="true" className={tableClass}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={clsx(thClass, column.numeric && "text-right")}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <SkeletonRows columns={columns.length} rows={rows} />
        </tbody>
      </table>
    </TableContainer>
  );
}
