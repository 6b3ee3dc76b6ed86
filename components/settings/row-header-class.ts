// The first cell of a settings row is a <th scope="row"> (screen readers announce it with the row's buttons), styled as a data cell.
// table-styles' rowClass only drops the last row's border from <td>s, so the row header drops its own.
export const rowHeaderClass = "max-w-56 text-left font-medium in-[tr:last-child]:border-b-0";
