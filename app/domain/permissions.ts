/**
 * SPEC §2 in code: which partner role may take which action, and which
 * partner program an action also needs. The guard (services/authz.server.ts),
 * the customer policy (customer-policy.ts) and the capability flags that
 * pages read all come from this one table.
 */
import type { Role } from "../../lib/enums";
import type { Actor } from "./actor";

export type Program = "flexMsp" | "flexConnect";

type Rule = { roles: readonly Role[]; program?: Program };

const everyone = ["super_admin", "admin", "help_desk", "read_only"] as const;
const admins = ["super_admin", "admin"] as const;
const superOnly = ["super_admin"] as const;

export const PERMISSIONS = {
  "customers.view": { roles: everyone },
  "customers.export": { roles: everyone },
  "customer.rename": { roles: admins },
  "customer.requestApproval": { roles: admins },
  // A Read-only user launches too, and sees the customer's console read-only.
  "customer.launch": { roles: everyone },
  "customer.enrolEarlyAccess": { roles: admins },
  "groups.manage": { roles: superOnly },
  "customer.startTrial": { roles: superOnly },
  "customer.createMonthly": { roles: superOnly, program: "flexMsp" },
  "customer.updateBilling": { roles: superOnly, program: "flexMsp" },
  "customer.unlink": { roles: superOnly },
  "activity.view": { roles: superOnly },
  "integrations.view": { roles: superOnly },
  // The Users page (issue 20): list, invite, change role and access, deactivate, reset a second factor.
  "users.manage": { roles: superOnly },
  // The API credentials page (issue 21): add and delete Partner API credentials.
  "apiCredentials.manage": { roles: superOnly },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof PERMISSIONS;

export type PartnerPrograms = { flexMsp: boolean; flexConnect: boolean };

/** Whether a user of this role, at a partner with these programs, may do this. */
export function can(role: Role, programs: PartnerPrograms, permission: Permission): boolean {
  return whyNot(role, programs, permission) === null;
}

/**
 * Why a user of this role at this partner may not do this: its role, or a
 * partner program the partner lacks; null when it may.
 */
export function whyNot(
  role: Role,
  programs: PartnerPrograms,
  permission: Permission,
): "role" | "program.flexMsp" | "program.flexConnect" | null {
  const rule: Rule = PERMISSIONS[permission];
  if (!rule.roles.includes(role)) return "role";
  if (rule.program && !programs[rule.program]) return `program.${rule.program}`;
  return null;
}

/**
 * The capability flag of an actor: only a partner user in the Partner Console
 * holds partner permissions (a launched partner acts inside one customer's
 * console, a customer admin in its own).
 */
export function permits(actor: Actor, permission: Permission): boolean {
  return actor.kind === "partner" && can(actor.user.role, actor.partner, permission);
}

export { seesAllCustomers } from "./actor";
