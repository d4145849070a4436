import type { LicenseStatus } from "~/domain/license-status";
import type { MessageKey } from "~/i18n/messages";
import { formatDate, formatNumber } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import type { I18n } from "~/i18n/translate";
import { LicenseStatusIcon } from "./LicenseStatusIcon";
import { ColumnHeaders, useColumnNames } from "./ColumnHeaders";

/** The table's columns after its row header: its headers and each cell's data-label (ColumnHeaders.tsx). */
const LICENSE_COLUMNS = [
  "license.col.category",
  "license.col.type",
  "license.col.quantity",
  "license.col.usage",
  "license.col.starts",
  "license.col.ends",
  "license.col.status",
] as const satisfies readonly MessageKey[];


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
 * `.data-table`; the lines' names: ColumnHeaders.tsx).
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
  const col = useColumnNames(LICENSE_COLUMNS);
  const { licenses } = props;
  const labelledBy = "labelledBy" in props ? props.labelledBy : props.captionId;
  return (
    <div role="region" aria-labelledby={labelledBy} tabIndex={0} className="overflow-x-auto">
      <table
        aria-labelledby={"labelledBy" in props ? labelledBy : undefined}
        className="data-table license-table w-full border-collapse lg:min-w-[40rem]"
      >
        {"labelledBy" in props ? null : (
          <caption id={props.captionId} className={props.captionVisible ? "table-caption" : "sr-only"}>
            {props.caption}
          </caption>
        )}
        <thead>
          <tr>
            <th scope="col">{t("license.col.product")}</th>
            <ColumnHeaders columns={LICENSE_COLUMNS} />
          </tr>
        </thead>
        <tbody>
          {licenses.map((license) => (
            <tr key={license.id}>
              <th scope="row" className="font-normal">
                {license.product}
              </th>
              <td data-label={col[0]}>
                {t(`category.${license.category}` as MessageKey)}
              </td>
              <td data-label={col[1]}>
                {t(`licenseType.${license.type}`)}
              </td>
              <td data-label={col[2]}>
                {formatNumber(t.locale, license.quantity)}
              </td>
              <td data-label={col[3]}>
                {formatNumber(t.locale, license.usage)}
              </td>
              <td data-label={col[4]}>
                {formatDate(t.locale, license.startsAt)}
              </td>
              <td data-label={col[5]}>
                {formatDate(t.locale, license.endsAt)}
              </td>
              <td data-label={col[6]}>
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
