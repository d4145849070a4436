import { describe, expect, it } from "vitest";
import { PERMISSIONS, can, seesAllCustomers, type Permission, type PartnerPrograms } from "../../app/domain/permissions";
import { ROLES, type Role } from "../../db/schema";

/**
 * SPEC §2, written out again by hand: the table in app/services/permissions.ts
 * must say exactly this. A change to either side makes this test fail.
 */
const SPEC_TABLE: Record<Permission, { roles: Role[]; program?: keyof PartnerPrograms }> = {
  "customers.view": { roles: ["super_admin", "admin", "help_desk", "read_only"] },
  "customers.export": { roles: ["super_admin", "admin", "help_desk", "read_only"] },
  "customer.rename": { roles: ["super_admin", "admin"] },
  "customer.requestApproval": { roles: ["super_admin", "admin"] },
  "customer.launch": { roles: ["super_admin", "admin", "help_desk", "read_only"] },
  "customer.enrolEarlyAccess": { roles: ["super_admin", "admin"] },
  "groups.manage": { roles: ["super_admin"] },
  "customer.startTrial": { roles: ["super_admin"] },
  "customer.createMonthly": { roles: ["super_admin"], program: "flexMsp" },
  "customer.updateBilling": { roles: ["super_admin"], program: "flexMsp" },
  "customer.unlink": { roles: ["super_admin"] },
  "activity.view": { roles: ["super_admin"] },
  "integrations.view": { roles: ["super_admin"] },
  "users.manage": { roles: ["super_admin"] },
  "apiCredentials.manage": { roles: ["super_admin"] },
};

const ALL_PROGRAMS: PartnerPrograms = { flexMsp: true, flexConnect: true };
const NO_PROGRAMS: PartnerPrograms = { flexMsp: false, flexConnect: false };

describe("the permission table", () => {
  it("lists exactly the permissions of SPEC §2", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(SPEC_TABLE).sort());
  });

  const cases = (Object.keys(SPEC_TABLE) as Permission[]).flatMap((permission) =>
    ROLES.map((role) => ({ permission, role, allowed: SPEC_TABLE[permission].roles.includes(role) })),
  );

  it.each(cases)(
    "a $role partner user of a partner with every program may $permission: $allowed",
    ({ permission, role, allowed }) => {
      expect(can(role, ALL_PROGRAMS, permission)).toBe(allowed);
    },
  );

  it.each(cases)(
    "a $role partner user of a partner with no program may $permission only when it needs no program",
    ({ permission, role, allowed }) => {
      const needsProgram = SPEC_TABLE[permission].program !== undefined;
      expect(can(role, NO_PROGRAMS, permission)).toBe(allowed && !needsProgram);
    },
  );

  it("a Super Admin may create monthly accounts and update billing only with Partner Flex MSP", () => {
    for (const permission of ["customer.createMonthly", "customer.updateBilling"] as const) {
      expect(can("super_admin", { flexMsp: true, flexConnect: false }, permission)).toBe(true);
      expect(can("super_admin", { flexMsp: false, flexConnect: true }, permission)).toBe(false);
    }
  });

  it("no permission depends on MSP Flex Connect", () => {
    for (const permission of Object.keys(SPEC_TABLE) as Permission[]) {
      for (const role of ROLES) {
        expect(can(role, { flexMsp: true, flexConnect: false }, permission)).toBe(
          can(role, ALL_PROGRAMS, permission),
        );
      }
    }
  });
});

describe("designation", () => {
  it("a Super Admin sees every customer whatever its designation says", () => {
    expect(seesAllCustomers("super_admin", false)).toBe(true);
    expect(seesAllCustomers("super_admin", true)).toBe(true);
  });

  it.each(["admin", "help_desk", "read_only"] as const)(
    "a %s user sees every customer only when designated all customers",
    (role) => {
      expect(seesAllCustomers(role, true)).toBe(true);
      expect(seesAllCustomers(role, false)).toBe(false);
    },
  );
});
