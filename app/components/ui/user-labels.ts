/**
 * The words for a partner user's customer access and status, the same on
 * the Users page and on "User details" (issue 20).
 */
import type { UserStatus } from "../../../lib/enums";
import { formatDate, type I18n } from "~/i18n/translate";

export type AccessSummary = { all: true } | { all: false; groups: number; customers: number };

/** "All customers", or "2 groups, 3 customers" (a part that is none is left out). */
export function accessSummary(t: I18n, access: AccessSummary): string {
  if (access.all) return t("users.access.summary.all");
  const parts = [
    access.groups > 0 ? t.plural("users.access.groups", access.groups) : null,
    access.customers > 0 ? t.plural("users.access.customers", access.customers) : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(", ") : t("team.access.none");
}

/** "Invited, expires DATE" (or its link expired), "Active", "Deactivated". */
export function statusText(t: I18n, user: { status: UserStatus; invitationExpiresAt: number | null }, now: number): string {
  if (user.status === "invited") {
    return user.invitationExpiresAt !== null && user.invitationExpiresAt > now
      ? t("users.status.invited", {
          date: formatDate(t.locale, user.invitationExpiresAt),
        })
      : t("users.status.invitationExpired");
  }
  return t(user.status === "active" ? "users.status.active" : "users.status.deactivated");
}
