import type { LicenseCategory } from "../../lib/enums";

export const DAY_MS = 24 * 60 * 60 * 1000;
/** A license with this many days left or fewer is "expiring" (SPEC §3). */
export const EXPIRING_WITHIN_DAYS = 30;

export type LicenseStatus = "active" | "expiring" | "expired" | "revoked";

/** Whole days from now until a moment, rounded up; 0 once it has passed. */
export function daysLeft(endsAt: number, now: number): number {
  return Math.max(0, Math.ceil((endsAt - now) / DAY_MS));
}

/**
 * A trial customer's days left: whole days until the last of its trial
 * licenses that are not revoked ends, 0 when there is none or it has ended.
 * Null for a customer that is not a trial.
 */
export function trialDaysLeft(
  customer: { billingType: string; licenses: readonly { type: string; endsAt: number; revoked: boolean }[] },
  now: number,
): number | null {
  if (customer.billingType !== "trial") return null;
  const ends = customer.licenses.filter((license) => license.type === "trial" && !license.revoked).map((license) => license.endsAt);
  return ends.length > 0 ? daysLeft(Math.max(...ends), now) : 0;
}

/** A license's status, derived from its dates (SPEC §3). */
export function licenseStatus(
  license: { endsAt: number; revoked: boolean },
  now: number,
): LicenseStatus {
  if (license.revoked) return "revoked";
  if (license.endsAt <= now) return "expired";
  if (license.endsAt - now <= EXPIRING_WITHIN_DAYS * DAY_MS) return "expiring";
  return "active";
}

/** Best first: a category is as protected as its best license. */
const STATUS_RANK: Record<LicenseStatus, number> = {
  active: 0,
  expiring: 1,
  expired: 2,
  revoked: 3,
};

export type CategoryStatus = {
  category: LicenseCategory;
  status: LicenseStatus;
  /** Days left on the license that gives the status (for "expiring"). */
  daysLeft: number;
};

/**
 * One status per license category, from the category's best license: a
 * customer with an active and an expired Endpoint license is protected.
 * Categories come in a fixed order so rows line up.
 */
export function summariseByCategory(
  licenses: { category: LicenseCategory; endsAt: number; revoked: boolean }[],
  now: number,
  order: readonly LicenseCategory[],
): CategoryStatus[] {
  const best = new Map<LicenseCategory, CategoryStatus>();
  for (const license of licenses) {
    const status = licenseStatus(license, now);
    const current = best.get(license.category);
    const candidate = { category: license.category, status, daysLeft: daysLeft(license.endsAt, now) };
    if (
      !current ||
      STATUS_RANK[status] < STATUS_RANK[current.status] ||
      (status === current.status && candidate.daysLeft > current.daysLeft)
    ) {
      best.set(license.category, candidate);
    }
  }
  return order.flatMap((category) => {
    const entry = best.get(category);
    return entry ? [entry] : [];
  });
}

/** A license with its status and days left, as the license tables show it. */
export function describeLicense<L extends { endsAt: number; revoked: boolean }>(
  license: L,
  now: number,
): L & { status: LicenseStatus; daysLeft: number } {
  return { ...license, status: licenseStatus(license, now), daysLeft: daysLeft(license.endsAt, now) };
}

export function isProtecting(status: LicenseStatus): boolean {
  return status === "active" || status === "expiring";
}
