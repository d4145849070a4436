import type { Route } from "./+types/activity_.export";
import { createReadableStreamFromReadable } from "@react-router/node";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { stringify } from "csv-stringify/sync";
import { now } from "~/utils/clock";
import { requirePartnerUser } from "~/services/authz.server";
import { applySecurityHeaders } from "~/services/security-headers.server";
import { getLocale } from "~/services/preferences.server";
import { csvDialect } from "~/utils/csv-dialect";
import { iterateActivities, listActivityUserOptions } from "~/models/activity-log.server";
import { parseActivityQuery } from "~/schemas/activity-query";
import { describeActor, describeChange, describeKind, type ChangeEntry } from "~/domain/activity-kinds";
import { createI18n, type I18n } from "~/i18n/translate";

/**
 * The activity log's "Export CSV" (F16): exactly the entries the page shows
 * for the same filters, every page, newest first, streamed in batches like
 * the customers export (docs/decisions/0007-csv-export.md): UTF-8 with a
 * byte-order mark, a header row, formula-looking cells neutralised by
 * escape_formulas, one chunk per batch, and a turn of the event loop between
 * batches. A filter value the page would leave out (a bad date, an unknown
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

  const columns = [
    t("activity.csv.when"),
    t("activity.csv.who"),
    t("activity.csv.what"),
    t("activity.csv.kind"),
    t("activity.csv.customer"),
    t("activity.csv.before"),
    t("activity.csv.after"),
  ];
  const csv = new PassThrough();

  const write = async () => {
    let first = true;
    for (const batch of iterateActivities({ partnerId: partner.id, query })) {
      if (request.signal.aborted) return;
      const records = batch.map((row) => [
        utcDateTime(row.at),
        describeActor(t, row.actor),
        describeKind(t, row.kind),
        row.kind,
        customerName(t, row.customer),
        changes(row.before),
        changes(row.after),
      ]);
      const chunk = stringify(records, { bom: first, header: first, columns, delimiter, escape_formulas: true });
      first = false;
      if (!csv.write(chunk)) await once(csv, "drain", { signal: request.signal });
      // Other requests run between batches (docs/performance.md).
      await nextTurn();
    }
    // No entries at all: still the byte-order mark and the header row.
    if (first) csv.write(stringify([], { bom: true, header: true, columns, delimiter }));
  };
  write()
    .then(() => csv.end())
    .catch((error: unknown) => csv.destroy(error instanceof Error ? error : new Error(String(error))));

  const date = new Date(now()).toISOString().slice(0, 10);
  const headers = new Headers({
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${t("activity.csv.filename")}-${date}.csv"`,
    "Cache-Control": "private, no-store",
  });
  // A resource route: React Router's entry does not see it, so the headers are set here.
  applySecurityHeaders(request, headers);
  return new Response(createReadableStreamFromReadable(csv), { headers });
}

/** "2026-03-31 14:05:09" in UTC. */
function utcDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace("T", " ");
}

function customerName(t: I18n, customer: { name: string; linked: boolean } | null): string {
  if (customer === null) return "";
  return customer.linked ? customer.name : t("activity.customer.unlinked", { name: customer.name });
}
