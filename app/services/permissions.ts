/**
 * SPEC §2 in code: which partner role may take which action, and which
 * partner program an action also needs. The guard (authz.server.ts) and the
 * capability flags that pages read both come from this one table.
 */
import type { Role } from "../../db/schema";

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
  "customer.launch": { roles: ["super_admin", "admin", "help_desk"] },
  "customer.enrolEarlyAccess": { roles: admins },
  "groups.manage": { roles: superOnly },
  "customer.startTrial": { roles: superOnly },
  "customer.createMonthly": { roles: superOnly, program: "flexMsp" },
  "customer.updateBilling": { roles: superOnly, program: "flexMsp" },
  "customer.unlink": { roles: superOnly },
  "activity.view": { roles: superOnly },
  "integrations.view": { roles: superOnly },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof PERMISSIONS;

export type PartnerPrograms = { flexMsp: boolean; flexConnect: boolean };

/** Whether a user of this role, at a partner with these programs, may do this. */
export function can(role: Role, programs: PartnerPrograms, permission: Permission): boolean {
  const rule: Rule = PERMISSIONS[permission];
  if (!rule.roles.includes(role)) return false;
  if (rule.program && !programs[rule.program]) return false;
  return true;
}

/** Roles that always see every customer of their partner, whatever their designation. */
export function seesAllCustomers(role: Role, designatedAll: boolean): boolean {
  return role === "super_admin" || designatedAll;
}
