import type { Locale } from "~/i18n/locales";

/**
 * How a spreadsheet program in the user's language expects a CSV file
 * (docs/decisions/0007-csv-export.md). Excel and LibreOffice split an opened
 * .csv on the system's list separator, which is ";" wherever the decimal
 * separator is "," (Spanish among them): a comma-separated file opens there
 * as one column. So a Spanish export is separated by ";" and writes numbers
 * with a decimal comma; an English one by "," with a decimal point.
 */
export type CsvDialect = {
  /** The field separator (csv-stringify's `delimiter`). */
  delimiter: "," | ";";
  /** A number as a cell, the way the spreadsheet reads numbers: no grouping, the locale's decimal mark. */
  formatNumber: (value: number) => string;
};

const DECIMAL_COMMA: Record<Locale, boolean> = { en: false, es: true };

export function csvDialect(locale: Locale): CsvDialect {
  const comma = DECIMAL_COMMA[locale];
  return {
    delimiter: comma ? ";" : ",",
    formatNumber: (value) => {
      const text = String(value);
      return comma ? text.replace(".", ",") : text;
    },
  };
}
