import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { once } from "node:events";
import { stringify } from "csv-stringify";
import { requirePartnerUser } from "~/services/authz.server";
import { getLocale } from "~/services/preferences.server";
import { iterateCustomers, listGroupOptions } from "~/models/customers.server";
import { parseCustomerListQuery } from "~/schemas/customer-list-query";
import { createI18n } from "~/i18n/translate";
import { assistanceLabel, billingLabel, licenseLabel } from "~/utils/customer-labels";

/**
 * "Export CSV" (F17): exactly the rows the list shows for the same search and
 * filters, every page, streamed in batches so memory stays flat. UTF-8 with a
 * byte-order mark (spreadsheet programs then read accents right), a header
 * row, and formula-looking cells neutralised by csv-stringify's
 * escape_formulas (docs/decisions/0007-csv-export.md).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requirePartnerUser(request, { can: "customers.export" });
  const { query } = parseCustomerListQuery(new URL(request.url).searchParams);
  if (query.groupId !== null && !listGroupOptions({ scope }).some((g) => g.id === query.groupId)) {
    query.groupId = null;
  }
  const t = createI18n(await getLocale(request));
  const isoDate = (ms: number | null) => (ms ? new Date(ms).toISOString().slice(0, 10) : "");

  const csv = stringify({
    bom: true,
    header: true,
    escape_formulas: true,
    columns: [
      t("csv.name"),
      t("csv.legalName"),
      t("csv.billing"),
      t("csv.managed"),
      t("csv.groups"),
      t("csv.licenses"),
      t("csv.nextEnd"),
      t("csv.assistance"),
      t("csv.email"),
    ],
  });

  const write = async () => {
    for (const batch of iterateCustomers({ scope, query })) {
      for (const row of batch) {
        if (request.signal.aborted) return;
        const ok = csv.write([
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
        if (!ok) await once(csv, "drain");
      }
    }
  };
  write()
    .then(() => csv.end())
    .catch((error: unknown) => csv.destroy(error instanceof Error ? error : new Error(String(error))));

  const date = new Date().toISOString().slice(0, 10);
  return new Response(createReadableStreamFromReadable(csv), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="customers-${date}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
