import { useT } from "~/utils/i18n-hooks";
import { CELL_LABELS, type LabelledTable } from "./cell-labels";

/**
 * A data table's column headers after its row header's, in the words its
 * cells are named with on a narrow screen (cell-labels.ts), so the two never
 * differ.
 */
export function ColumnHeaders({ table }: { table: LabelledTable }) {
  const col = useColumnNames(table);
  return (
    <>
      {CELL_LABELS[table].map((key, index) => (
        <th key={key} scope="col">
          {col[index]}
        </th>
      ))}
    </>
  );
}

/**
 * The names of a table's columns after its row header, in the page's
 * language: each cell's `data-label`, which a narrow screen writes before it
 * (app/tailwind.css, `.data-table`).
 */
export function useColumnNames(table: LabelledTable): string[] {
  const t = useT();
  return CELL_LABELS[table].map((key) => t(key));
}
