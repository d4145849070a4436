import type { LicenseStatus } from "~/domain/license-status";
import { BanIcon, CheckIcon, ClockIcon, CrossIcon } from "./icons";

const STATUS_STYLE: Record<LicenseStatus, string> = {
  active: "text-green-800",
  expiring: "text-amber-800",
  expired: "text-red-800",
  revoked: "text-slate-700",
};

/** A license status's icon: a shape per status, so the status never rests on colour alone. Decorative: the text beside it says the status. */
export function LicenseStatusIcon({ status }: { status: LicenseStatus }) {
  const className = `icon ${STATUS_STYLE[status]}`;
  if (status === "active") return <CheckIcon className={className} />;
  if (status === "expiring") return <ClockIcon className={className} />;
  if (status === "expired") return <CrossIcon className={className} />;
  return <BanIcon className={className} />;
}
