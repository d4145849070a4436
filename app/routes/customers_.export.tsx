import type { Route } from "./+types/customers_.export";
import { createReadableStreamFromReadable } from "@react-router/node";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { stringify } from "csv-stringify/sync";
import { requirePartnerUser } from "~/services/authz.server";
import { applySecurityHeaders } from "~/services/security-headers.server";
import { getLocale } from "~/services/preferences.server";
import { csvDialect } from "~/utils/csv-dialect";
import { iterateCustomers } from "~/models/customer-list.server";
import { listGroupOptions } from "~/models/groups.server";
import { parseCustomerListQuery } from "~/schemas/customer-list-query";
import { createI18n } from "~/i18n/translate";
import { assistanceLabel, billingLabel, licenseLabel } from "~/components/ui/customer-labels";

/**
 * "Export CSV" (F17): exactly the rows the list shows for the same search and
 * filters, every page, streamed in batches so memory stays flat. UTF-8 with a
 * byte-order mark (spreadsheet programs then read accents right), a header
 * row, and formula-looking cells neutralised by csv-stringify's
 * escape_formulas (docs/decisions/0007-csv-export.md).
 */
export async function loader({ request }: Route.LoaderArgs) {
  const { scope } = await requirePartnerUser(request, { can: "customers.export" });
  const { query } = parseCustomerListQuery(new URL(request.url).searchParams);
  if (query.groupId !== null && !listGroupOptions({ scope }).some((g) => g.id === query.groupId)) {
    query.groupId = null;
  }
  const locale = await getLocale(request);
  const t = createI18n(locale);
  // ";" and a decimal comma in Spanish, as spreadsheets there expect (0007).
  const { delimiter } = csvDialect(locale);
  const isoDate = (ms: number | null) => (ms ? new Date(ms).toISOString().slice(0, 10) : "");

  const columns = [
    t("csv.name"),
    t("csv.legalName"),
    t("csv.billing"),
    t("csv.managed"),
    t("csv.groups"),
    t("csv.licenses"),
    t("csv.nextEnd"),
    t("csv.assistance"),
    t("csv.email"),
  ];
  const csv = new PassThrough();

  // One chunk per batch of rows, not one per row: the response is flushed
  // after every chunk, and 20,000 flushes (each a gzip sync flush when the
  // browser accepts gzip) made the export slow and barely compressed
  // (docs/performance.md).
  const write = async () => {
    let first = true;
    for (const batch of iterateCustomers({ scope, query })) {
      if (request.signal.aborted) return;
      const records = batch.map((row) => [
        row.name,
        row.legalName,
        billingLabel(t, row),
        row.managedOrder ? t("common.yes") : t("common.no"),
        row.groups.join("; "),
        row.licenses.map((license) => licenseLabel(t, license)).join("; "),
        isoDate(row.nextLicenseEndAt),
        assistanceLabel(t, row),
        row.contactEmail,
      ]);
      const chunk = stringify(records, { bom: first, header: first, columns, delimiter, escape_formulas: true });
      first = false;
      if (!csv.write(chunk)) await once(csv, "drain", { signal: request.signal });
      // Let the server answer other requests between batches. The drain above
      // can resolve without the event loop ever reaching I/O, and then a
      // 20,000-row export held every other request until it ended.
      await nextTurn();
    }
    // No rows at all: still the byte-order mark and the header row.
    if (first) csv.write(stringify([], { bom: true, header: true, columns, delimiter }));
  };
  write()
    .then(() => csv.end())
    .catch((error: unknown) => csv.destroy(error instanceof Error ? error : new Error(String(error))));

  const date = new Date().toISOString().slice(0, 10);
  const headers = new Headers({
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="customers-${date}.csv"`,
    "Cache-Control": "private, no-store",
  });
  // A resource route: React Router's entry does not see it, so the headers are set here.
  applySecurityHeaders(request, headers);
  return new Response(createReadableStreamFromReadable(csv), { headers });
}
