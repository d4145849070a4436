import type { LicenseStatus } from "~/domain/license-status";
import type { MessageKey } from "~/i18n/messages";
import { formatDate, formatNumber } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import type { I18n } from "~/i18n/translate";
import { LicenseStatusIcon } from "./LicenseStatusIcon";

/** "Active", "Expiring, 12 days left", "Trial, 20 days left", "Expired", "Revoked". */
export function licenseStatusText(t: I18n, license: Pick<LicenseTableRow, "status" | "type" | "daysLeft">): string {
  if (license.status === "expiring" || (license.type === "trial" && license.status === "active")) {
    return t.plural(license.type === "trial" ? "licenseStatus.trialDays" : "licenseStatus.expiringDays", license.daysLeft);
  }
  return t(`licenseStatus.${license.status}`);
}

export type LicenseTableRow = {
  id: number;
  product: string;
  category: string;
  type: "trial" | "term" | "usage";
  quantity: number;
  usage: number;
  startsAt: number;
  endsAt: number;
  status: LicenseStatus;
  daysLeft: number;
};

/** A customer's licenses with their derived status, in text. */
export function LicenseTable({
  licenses,
  caption,
  captionId,
  captionVisible = false,
}: {
  licenses: LicenseTableRow[];
  caption: string;
  captionId: string;
  /** Shown above the table; otherwise read by screen readers only (a heading says the same). */
  captionVisible?: boolean;
}) {
  const t = useT();
  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className="overflow-x-auto">
      <table className="data-table w-full min-w-[40rem] border-collapse">
        <caption id={captionId} className={captionVisible ? "mb-2 text-left text-lg font-semibold" : "sr-only"}>
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("license.col.product")}</th>
            <th scope="col">{t("license.col.category")}</th>
            <th scope="col">{t("license.col.type")}</th>
            <th scope="col">{t("license.col.quantity")}</th>
            <th scope="col">{t("license.col.usage")}</th>
            <th scope="col">{t("license.col.starts")}</th>
            <th scope="col">{t("license.col.ends")}</th>
            <th scope="col">{t("license.col.status")}</th>
          </tr>
        </thead>
        <tbody>
          {licenses.map((license) => (
            <tr key={license.id}>
              <th scope="row" className="font-normal">
                {license.product}
              </th>
              <td>{t(`category.${license.category}` as MessageKey)}</td>
              <td>{t(`licenseType.${license.type}`)}</td>
              <td>{formatNumber(t.locale, license.quantity)}</td>
              <td>{formatNumber(t.locale, license.usage)}</td>
              <td>{formatDate(t.locale, license.startsAt)}</td>
              <td>{formatDate(t.locale, license.endsAt)}</td>
              <td>
                <span className="inline-flex items-center gap-1 whitespace-nowrap">
                  <LicenseStatusIcon status={license.status} />
                  {licenseStatusText(t, license)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
