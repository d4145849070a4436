import type { LicenseStatus } from "~/domain/license-status";

const STATUS_ICON: Record<LicenseStatus, { id: string; className: string }> = {
  active: { id: "#i-check", className: "icon text-green-800" },
  expiring: { id: "#i-clock", className: "icon text-amber-800" },
  expired: { id: "#i-cross", className: "icon text-red-800" },
  revoked: { id: "#i-ban", className: "icon text-slate-700" },
};

/**
 * A license status's icon: a shape per status, so the status never rests on
 * colour alone. Decorative: the text beside it says the status. A `<use>` of
 * the icon sprite (icons.tsx), written out here because a list page has up to
 * 150 of them: one component less each than going through `Icon`, and no
 * attribute the sprite makes useless (see `Icon`).
 */
export function LicenseStatusIcon({ status }: { status: LicenseStatus }) {
  const icon = STATUS_ICON[status];
  return (
    <svg className={icon.className} aria-hidden="true">
      <use href={icon.id} />
    </svg>
  );
}
