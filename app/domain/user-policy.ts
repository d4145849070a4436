/**
 * Who may do what to a partner's users (issue 20, "Your team"): the rules a
 * Super Admin's changes to a user must keep, written once. Pure: the team
 * model (models/team.server.ts) reads the facts inside its transaction and
 * asks here; the pages ask the same for their buttons. A refusal is a
 * message key that names the reason (app/i18n/messages/users.ts).
 */
import type { Role, UserStatus } from "../../lib/enums";

/** The user a change is about, as the rules need it. */
export type TeamMemberFacts = {
  id: number;
  role: Role;
  status: UserStatus;
  /** A confirmed second factor. */
  hasSecondFactor: boolean;
};

/** The partner-wide fact the last-Super-Admin rule needs. */
export type TeamFacts = {
  /** Active Super Admins of the partner, the target included when it is one. */
  activeSuperAdmins: number;
};

export type UserChange =
  | { kind: "changeRole"; role: Role }
  | { kind: "changeAccess" }
  | { kind: "deactivate" }
  | { kind: "reactivate" }
  | { kind: "resetSecondFactor" }
  | { kind: "resendInvitation" }
  | { kind: "cancelInvitation" };

export const USER_REFUSALS = [
  "users.refused.lastSuperAdmin.deactivate",
  "users.refused.lastSuperAdmin.role",
  "users.refused.self.deactivate",
  "users.refused.superAdminSeesAll",
  "users.refused.deactivated",
  "users.refused.notDeactivated",
  "users.refused.invited",
  "users.refused.notInvited",
  "users.refused.noSecondFactor",
] as const;
export type UserRefusal = (typeof USER_REFUSALS)[number];

export type UserDecision = { allowed: true } | { allowed: false; reason: UserRefusal };

const allowed: UserDecision = { allowed: true };
const refuse = (reason: UserRefusal): UserDecision => ({ allowed: false, reason });

/** Whether this user is the one active Super Admin its partner has left. */
function isLastActiveSuperAdmin(target: TeamMemberFacts, team: TeamFacts): boolean {
  return target.role === "super_admin" && target.status === "active" && team.activeSuperAdmins <= 1;
}

/**
 * May `actorUserId` (a Super Admin of the same partner: the guard's
 * `users.manage` has said so) make this change to `target`? A partner must
 * always keep one active Super Admin, so its last one can be neither
 * deactivated nor given another role; and a Super Admin cannot deactivate
 * themselves (they would lock themselves out in the middle of the request).
 */
export function decideUserChange(
  actorUserId: number,
  target: TeamMemberFacts,
  change: UserChange,
  team: TeamFacts,
): UserDecision {
  switch (change.kind) {
    case "changeRole":
      if (target.status === "deactivated") return refuse("users.refused.deactivated");
      if (change.role !== "super_admin" && isLastActiveSuperAdmin(target, team)) {
        return refuse("users.refused.lastSuperAdmin.role");
      }
      return allowed;
    case "changeAccess":
      if (target.status === "deactivated") return refuse("users.refused.deactivated");
      // A Super Admin always sees every customer: there is nothing to choose.
      if (target.role === "super_admin") return refuse("users.refused.superAdminSeesAll");
      return allowed;
    case "deactivate":
      if (target.status === "deactivated") return refuse("users.refused.deactivated");
      // An invitation is cancelled, not deactivated.
      if (target.status === "invited") return refuse("users.refused.invited");
      if (target.id === actorUserId) return refuse("users.refused.self.deactivate");
      if (isLastActiveSuperAdmin(target, team)) return refuse("users.refused.lastSuperAdmin.deactivate");
      return allowed;
    case "reactivate":
      return target.status === "deactivated" ? allowed : refuse("users.refused.notDeactivated");
    case "resetSecondFactor":
      if (target.status === "deactivated") return refuse("users.refused.deactivated");
      return target.hasSecondFactor ? allowed : refuse("users.refused.noSecondFactor");
    case "resendInvitation":
    case "cancelInvitation":
      return target.status === "invited" ? allowed : refuse("users.refused.notInvited");
  }
}

/**
 * A user's customer access ("designation"): every customer now and in the
 * future, or chosen groups and single customers.
 */
export type CustomerAccess = { all: true } | { all: false; groupIds: number[]; customerIds: number[] };

export type AccessProblem = "users.access.empty";

/**
 * The access a user of this role ends up with: a Super Admin always has all
 * customers (whatever was asked); the other roles keep what was chosen, which
 * must name at least one group or customer.
 */
export function accessForRole(
  role: Role,
  access: CustomerAccess,
): { ok: true; access: CustomerAccess } | { ok: false; problem: AccessProblem } {
  if (role === "super_admin" || access.all) return { ok: true, access: { all: true } };
  const groupIds = [...new Set(access.groupIds)].sort((a, b) => a - b);
  const customerIds = [...new Set(access.customerIds)].sort((a, b) => a - b);
  if (groupIds.length === 0 && customerIds.length === 0) return { ok: false, problem: "users.access.empty" };
  return { ok: true, access: { all: false, groupIds, customerIds } };
}

/** Invitation links are good this long (issue 20). */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** "Forgot your password?" links are good this long. */
export const PASSWORD_RESET_LIFETIME_MS = 30 * 60 * 1000;

/** What a link's row says about it at `now`: usable, or why not (the page says what to do). */
export type LinkState = "valid" | "expired" | "used" | "revoked";

export function linkState(
  link: { expiresAt: number; spentAt: number | null; revokedAt?: number | null },
  now: number,
): LinkState {
  if (link.spentAt !== null) return "used";
  if (link.revokedAt != null) return "revoked";
  return now >= link.expiresAt ? "expired" : "valid";
}
