import type { Route } from "./+types/customers_.export";
import { requirePartnerUser } from "~/services/authz.server";
import { csvResponse } from "~/services/csv-stream.server";
import { getLocale } from "~/services/preferences.server";
import { csvDialect } from "~/utils/csv-dialect";
import { iterateCustomers } from "~/models/customer-list.server";
import { listGroupOptions } from "~/models/groups.server";
import { parseCustomerListQuery } from "~/schemas/customer-list-query";
import { createI18n } from "~/i18n/translate";
import { assistanceLabel, billingLabel, licenseLabel } from "~/components/ui/customer-labels";

/**
 * "Export CSV" (F17): exactly the rows the list shows for the same search and
 * filters, every page, streamed in batches so memory stays flat
 * (services/csv-stream.server.ts, docs/decisions/0007-csv-export.md).
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

  return csvResponse(request, {
    filename: "customers",
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
    delimiter,
    batches: iterateCustomers({ scope, query }),
    record: (row) => [
      row.name,
      row.legalName,
      billingLabel(t, row),
      row.managedOrder ? t("common.yes") : t("common.no"),
      row.groups.join("; "),
      row.licenses.map((license) => licenseLabel(t, license)).join("; "),
      isoDate(row.nextLicenseEndAt),
      assistanceLabel(t, row),
      row.contactEmail,
    ],
  });
}
