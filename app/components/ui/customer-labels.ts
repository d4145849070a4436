/**
 * The words for a Customers list row, shared by the page and the CSV export
 * so both say the same thing.
 */
import type { I18n } from "~/i18n/translate";
import { formatDate } from "~/i18n/translate";
import type { MessageKey } from "~/i18n/messages";
import type { CategoryStatus } from "~/domain/license-status";
import type { RefusalReason } from "~/domain/customer-policy";

type RowForLabels = {
  billingType: "trial" | "term" | "usage";
  trialDaysLeft: number | null;
  assistance:
    | { state: "on" }
    | { state: "off" }
    | { state: "requested"; at: number }
    | { state: "refused"; at: number };
};

/** "Trial, 12 days left", "Monthly", "Term". */
export function billingLabel(t: I18n, row: RowForLabels): string {
  if (row.billingType === "trial") {
    return row.trialDaysLeft ? t.plural("billing.trialDays", row.trialDaysLeft) : t("billing.trialEnded");
  }
  return t(`billing.${row.billingType}`);
}

/** "Endpoint: active", "Email: expiring in 12 days". */
export function licenseLabel(t: I18n, license: CategoryStatus): string {
  const category = t(`category.${license.category}` as MessageKey);
  if (license.status === "expiring") return t.plural("license.expiring", license.daysLeft, { category });
  return t(`license.${license.status}`, { category });
}

/** "On", "Off", "Requested on 3 Nov 2026", "Refused on …". */
export function assistanceLabel(t: I18n, row: RowForLabels): string {
  const a = row.assistance;
  if (a.state === "requested" || a.state === "refused") {
    return t(`assistance.${a.state}`, { date: formatDate(t.locale, a.at) });
  }
  return t(`assistance.${a.state}`);
}

/** The customer policy's reason, with the day from which it would be allowed when there is one. */
export function refusalText(t: I18n, { reason, from }: { reason: RefusalReason; from: number | null }): string {
  return t(`policy.${reason}`, from ? { date: formatDate(t.locale, from) } : undefined);
}
