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

/**
 * A customer's licenses with their derived status, in text. Named by its own
 * caption, or by a heading that already says what the caption would
 * (`labelledBy`: the heading's id), so that the name is not read twice.
 *
 * Below 64rem each license is a block of labelled lines (app/tailwind.css,
 * `.data-table`): the roles keep it a table for screen readers, the
 * data-labels name each line.
 */
export function LicenseTable(
  props: { licenses: LicenseTableRow[] } & (
    | {
        caption: string;
        captionId: string;
        /** Shown above the table; otherwise read by screen readers only (a heading says the same). */
        captionVisible?: boolean;
      }
    | { labelledBy: string }
  ),
) {
  const t = useT();
  const { licenses } = props;
  const labelledBy = "labelledBy" in props ? props.labelledBy : props.captionId;
  const label = {
    category: t("license.col.category"),
    type: t("license.col.type"),
    quantity: t("license.col.quantity"),
    usage: t("license.col.usage"),
    starts: t("license.col.starts"),
    ends: t("license.col.ends"),
    status: t("license.col.status"),
  };
  return (
    <div role="region" aria-labelledby={labelledBy} tabIndex={0} className="overflow-x-auto">
      <table
        role="table"
        aria-labelledby={"labelledBy" in props ? labelledBy : undefined}
        className="data-table w-full border-collapse lg:min-w-[40rem]"
      >
        {"labelledBy" in props ? null : (
          <caption id={props.captionId} className={props.captionVisible ? "mb-2 text-left text-lg font-semibold" : "sr-only"}>
            {props.caption}
          </caption>
        )}
        <thead>
          <tr role="row">
            <th scope="col" role="columnheader">{t("license.col.product")}</th>
            <th scope="col" role="columnheader">{label.category}</th>
            <th scope="col" role="columnheader">{label.type}</th>
            <th scope="col" role="columnheader">{label.quantity}</th>
            <th scope="col" role="columnheader">{label.usage}</th>
            <th scope="col" role="columnheader">{label.starts}</th>
            <th scope="col" role="columnheader">{label.ends}</th>
            <th scope="col" role="columnheader">{label.status}</th>
          </tr>
        </thead>
        <tbody>
          {licenses.map((license) => (
            <tr key={license.id} role="row">
              <th scope="row" role="rowheader" className="font-normal">
                {license.product}
              </th>
              <td role="cell" data-label={label.category}>
                {t(`category.${license.category}` as MessageKey)}
              </td>
              <td role="cell" data-label={label.type}>
                {t(`licenseType.${license.type}`)}
              </td>
              <td role="cell" data-label={label.quantity}>
                {formatNumber(t.locale, license.quantity)}
              </td>
              <td role="cell" data-label={label.usage}>
                {formatNumber(t.locale, license.usage)}
              </td>
              <td role="cell" data-label={label.starts}>
                {formatDate(t.locale, license.startsAt)}
              </td>
              <td role="cell" data-label={label.ends}>
                {formatDate(t.locale, license.endsAt)}
              </td>
              <td role="cell" data-label={label.status}>
                <span className="inline-flex items-center gap-1 lg:whitespace-nowrap">
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
