import { useT } from "~/utils/i18n-hooks";
import { CELL_LABELS, type LabelledTable } from "./cell-labels";

/**
 * A data table's column headers after its row header's, in the words its
 * cells are named with on a narrow screen (cell-labels.ts), so the two never
 * differ.
 */
export function ColumnHeaders({ table }: { table: LabelledTable }) {
  const t = useT();
  return (
    <>
      {CELL_LABELS[table].map((key) => (
        <th key={key} scope="col">
          {t(key)}
        </th>
      ))}
    </>
  );
}
