import type { MessageKey } from "~/i18n/messages";
import { useT } from "~/utils/i18n-hooks";

/**
 * A data table's column names after its row header, as catalogue keys, in
 * order: written once beside the table, they make both its headers
 * (`ColumnHeaders`) and the names a narrow screen writes before each cell
 * (`useColumnNames`, each cell's `data-label`; below 64rem each row is a
 * block of labelled lines, app/tailwind.css `.data-table`), so the two never
 * differ. phones.spec.ts compares them on every page with a table.
 */
export type Columns = readonly MessageKey[];

export function ColumnHeaders({ columns }: { columns: Columns }) {
  const col = useColumnNames(columns);
  return (
    <>
      {columns.map((key, index) => (
        <th key={key} scope="col">
          {col[index]}
        </th>
      ))}
    </>
  );
}

/** The names of a table's columns after its row header, in the page's language: each cell's `data-label`. */
export function useColumnNames(columns: Columns): string[] {
  const t = useT();
  return columns.map((key) => t(key));
}
