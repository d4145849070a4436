import type { LicenseStatus } from "~/domain/license-status";
import sprite from "./icons.svg";

const STATUS_ICON: Record<LicenseStatus, { id: string; className: string }> = {
  active: { id: "#i-check", className: "icon text-green-800" },
  expiring: { id: "#i-clock", className: "icon text-amber-800" },
  expired: { id: "#i-cross", className: "icon text-red-800" },
  revoked: { id: "#i-ban", className: "icon text-slate-700" },
};

/**
 * A license status's icon: a shape per status, so the status never rests on
 * colour alone. Decorative: the text beside it says the status. A `<use>` of
 * the icon sprite (icons.svg, see icons.tsx), written out here: one component less each than
 * going through `Icon`, and no attribute the sprite makes useless (see `Icon`).
 * The Customers list, with up to 150 of them a page, draws them by CSS
 * instead (`licenseStatusClass`).
 */
export function LicenseStatusIcon({ status }: { status: LicenseStatus }) {
  const icon = STATUS_ICON[status];
  return (
    <svg className={icon.className} aria-hidden="true">
      <use href={sprite + icon.id} />
    </svg>
  );
}

/**
 * The class of a list item that says a license's status: none for an active
 * license (most of them), else the status itself ("expiring", "expired",
 * "revoked"). The stylesheet draws the status's icon (the same as
 * `LicenseStatusIcon`'s) before the item's text (app/tailwind.css,
 * `.customer-table li`): no element and a few bytes an icon, for the
 * Customers list's rows. Decorative in the same way: the text says the status.
 */
export function licenseStatusClass(status: LicenseStatus): string | undefined {
  return status === "active" ? undefined : status;
}
