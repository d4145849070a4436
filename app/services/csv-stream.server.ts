/**
 * The one way the console sends a CSV file (F16, F17;
 * docs/decisions/0007-csv-export.md): UTF-8 with a byte-order mark
 * (spreadsheet programs then read accents right), a header row, the locale's
 * delimiter, formula-looking cells neutralised by csv-stringify's
 * escape_formulas, and the rows streamed batch by batch so memory stays flat
 * whatever their number. The file is named for today by the one clock.
 */
import { createReadableStreamFromReadable } from "@react-router/node";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { stringify } from "csv-stringify/sync";
import { applySecurityHeaders } from "~/services/security-headers.server";
import { now } from "~/utils/clock";

export function csvResponse<Row>(
  request: Request,
  {
    filename,
    columns,
    delimiter,
    batches,
    record,
  }: {
    /** The file's name before "-2026-03-31.csv". */
    filename: string;
    columns: string[];
    delimiter: string;
    batches: Iterable<Row[]>;
    record: (row: Row) => string[];
  },
): Response {
  const csv = new PassThrough();
  const write = async () => {
    let first = true;
    for (const batch of batches) {
      if (request.signal.aborted) return;
      // One chunk per batch of rows, not one per row: the response is flushed
      // after every chunk (a gzip sync flush when the browser accepts gzip),
      // and a flush per row made the export slow and barely compressed.
      const chunk = stringify(batch.map(record), { bom: first, header: first, columns, delimiter, escape_formulas: true });
      first = false;
      if (!csv.write(chunk)) await once(csv, "drain", { signal: request.signal });
      // Let the server answer other requests between batches: the drain above
      // can resolve without the event loop ever reaching I/O, and a long
      // export would then hold every other request until it ended.
      await nextTurn();
    }
    // No rows at all: still the byte-order mark and the header row.
    if (first) csv.write(stringify([], { bom: true, header: true, columns, delimiter }));
  };
  write()
    .then(() => csv.end())
    .catch((error: unknown) => csv.destroy(error instanceof Error ? error : new Error(String(error))));

  const date = new Date(now()).toISOString().slice(0, 10);
  const headers = new Headers({
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${filename}-${date}.csv"`,
    "Cache-Control": "private, no-store",
  });
  // A resource route: React Router's entry does not see it, so the headers are set here.
  applySecurityHeaders(request, headers);
  return new Response(createReadableStreamFromReadable(csv), { headers });
}
