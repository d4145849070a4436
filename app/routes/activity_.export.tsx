import type { Route } from "./+types/activity_.export";
import { requirePartnerUser } from "~/services/authz.server";
import { csvResponse } from "~/services/csv-stream.server";
import { getLocale } from "~/services/preferences.server";
import { csvDialect } from "~/utils/csv-dialect";
import { iterateActivities, listActivityUserOptions } from "~/models/activity-log.server";
import { parseActivityQuery } from "~/schemas/activity-query";
import { describeActor, describeChange, describeKind, type ChangeEntry } from "~/domain/activity-kinds";
import { createI18n, type I18n } from "~/i18n/translate";

/**
 * The activity log's "Export CSV" (F16): exactly the entries the page shows
 * for the same filters, every page, newest first, streamed in batches as
 * every CSV is (services/csv-stream.server.ts). A filter value the page would leave out (a bad date, an unknown
 * user or kind) is left out here too. Times are UTC, "2026-03-31 14:05:09",
 * which every spreadsheet reads.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const { partner } = await requirePartnerUser(request, { can: "activity.view" });
  const { query } = parseActivityQuery(new URL(request.url).searchParams);
  const { actor } = query;
  if (actor?.kind === "user" && !listActivityUserOptions({ partnerId: partner.id }).some((user) => user.id === actor.userId)) {
    query.actor = null;
  }
  const locale = await getLocale(request);
  const t = createI18n(locale);
  // ";" and a decimal comma in Spanish, as spreadsheets there expect (0007).
  const { delimiter } = csvDialect(locale);
  const changes = (entries: ChangeEntry[] | null) => (entries ?? []).map((entry) => describeChange(t, entry)).join("; ");

  return csvResponse(request, {
    filename: t("activity.csv.filename"),
    columns: [
      t("activity.csv.when"),
      t("activity.csv.who"),
      t("activity.csv.what"),
      t("activity.csv.kind"),
      t("activity.csv.customer"),
      t("activity.csv.before"),
      t("activity.csv.after"),
    ],
    delimiter,
    batches: iterateActivities({ partnerId: partner.id, query }),
    record: (row) => [
      utcDateTime(row.at),
      describeActor(t, row.actor),
      describeKind(t, row.kind),
      row.kind,
      customerName(t, row.customer),
      changes(row.before),
      changes(row.after),
    ],
  });
}

/** "2026-03-31 14:05:09" in UTC. */
function utcDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace("T", " ");
}

function customerName(t: I18n, customer: { name: string; linked: boolean } | null): string {
  if (customer === null) return "";
  return customer.linked ? customer.name : t("activity.customer.unlinked", { name: customer.name });
}
