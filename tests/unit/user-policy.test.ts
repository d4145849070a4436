import { describe, expect, it } from "vitest";
import {
  accessForRole,
  decideUserChange,
  linkState,
  type TeamMemberFacts,
  type UserChange,
} from "~/domain/user-policy";
import { passwordProblem, PASSWORD_MAX, PASSWORD_MIN } from "~/domain/passwords";
import { groupInFours, readCodeKind, recoveryCodesFile, secondStepAfterPassword } from "~/domain/second-factor";
import { ROLES } from "../../lib/enums";

const ACTOR = 1;
const member = (facts: Partial<TeamMemberFacts> = {}): TeamMemberFacts => ({
  id: 2,
  role: "admin",
  status: "active",
  hasSecondFactor: false,
  ...facts,
});
const decide = (target: TeamMemberFacts, change: UserChange, activeSuperAdmins = 2) =>
  decideUserChange(ACTOR, target, change, { activeSuperAdmins });

describe("the user policy", () => {
  it("refuses to deactivate the partner's last active Super Admin, naming why", () => {
    expect(decide(member({ role: "super_admin" }), { kind: "deactivate" }, 1)).toEqual({
      allowed: false,
      reason: "users.refused.lastSuperAdmin.deactivate",
    });
  });

  it("allows deactivating a Super Admin while another active one remains", () => {
    expect(decide(member({ role: "super_admin" }), { kind: "deactivate" }, 2)).toEqual({ allowed: true });
  });

  it("refuses a Super Admin deactivating themselves, even with other Super Admins", () => {
    expect(decide(member({ id: ACTOR, role: "super_admin" }), { kind: "deactivate" }, 3)).toEqual({
      allowed: false,
      reason: "users.refused.self.deactivate",
    });
  });

  it.each(ROLES.filter((role) => role !== "super_admin"))("refuses moving the last active Super Admin to %s", (role) => {
    expect(decide(member({ role: "super_admin" }), { kind: "changeRole", role }, 1)).toEqual({
      allowed: false,
      reason: "users.refused.lastSuperAdmin.role",
    });
  });

  it("lets the last active Super Admin keep the Super Admin role (a save with the same role)", () => {
    expect(decide(member({ role: "super_admin" }), { kind: "changeRole", role: "super_admin" }, 1)).toEqual({ allowed: true });
  });

  it("does not count an invited or deactivated Super Admin as the last active one", () => {
    expect(decide(member({ role: "super_admin", status: "invited" }), { kind: "changeRole", role: "admin" }, 1)).toEqual({ allowed: true });
  });

  it.each(ROLES)("allows any role for an active %s when Super Admins remain", (role) => {
    expect(decide(member(), { kind: "changeRole", role })).toEqual({ allowed: true });
  });

  it("refuses choosing customer access for a Super Admin: they see all", () => {
    expect(decide(member({ role: "super_admin" }), { kind: "changeAccess" })).toEqual({
      allowed: false,
      reason: "users.refused.superAdminSeesAll",
    });
  });

  it("sends an invited user's deactivation to Cancel invitation", () => {
    expect(decide(member({ status: "invited" }), { kind: "deactivate" })).toEqual({ allowed: false, reason: "users.refused.invited" });
  });

  it("reactivates only a deactivated user", () => {
    expect(decide(member({ status: "deactivated" }), { kind: "reactivate" })).toEqual({ allowed: true });
    expect(decide(member(), { kind: "reactivate" })).toEqual({ allowed: false, reason: "users.refused.notDeactivated" });
  });

  it("refuses role and access changes of a deactivated user", () => {
    expect(decide(member({ status: "deactivated" }), { kind: "changeRole", role: "read_only" })).toEqual({
      allowed: false,
      reason: "users.refused.deactivated",
    });
    expect(decide(member({ status: "deactivated" }), { kind: "changeAccess" })).toEqual({ allowed: false, reason: "users.refused.deactivated" });
  });

  it("resends and cancels only an invitation not yet accepted", () => {
    for (const kind of ["resendInvitation", "cancelInvitation"] as const) {
      expect(decide(member({ status: "invited" }), { kind })).toEqual({ allowed: true });
      expect(decide(member(), { kind })).toEqual({ allowed: false, reason: "users.refused.notInvited" });
    }
  });

  it("resets a second factor only when there is one", () => {
    expect(decide(member({ hasSecondFactor: true }), { kind: "resetSecondFactor" })).toEqual({ allowed: true });
    expect(decide(member(), { kind: "resetSecondFactor" })).toEqual({ allowed: false, reason: "users.refused.noSecondFactor" });
  });
});

describe("customer access for a role", () => {
  it("gives a Super Admin all customers whatever was chosen", () => {
    expect(accessForRole("super_admin", { all: false, groupIds: [], customerIds: [] })).toEqual({ ok: true, access: { all: true } });
  });

  it("refuses chosen access with no group and no customer", () => {
    expect(accessForRole("help_desk", { all: false, groupIds: [], customerIds: [] })).toEqual({ ok: false, problem: "users.access.empty" });
  });

  it("keeps chosen groups and customers once each, in order", () => {
    expect(accessForRole("admin", { all: false, groupIds: [3, 1, 3], customerIds: [9] })).toEqual({
      ok: true,
      access: { all: false, groupIds: [1, 3], customerIds: [9] },
    });
  });
});

describe("a link's state", () => {
  const base = { expiresAt: 1_000, spentAt: null, revokedAt: null };
  it("is valid until the moment it expires, and expired from then", () => {
    expect(linkState(base, 999)).toBe("valid");
    expect(linkState(base, 1_000)).toBe("expired");
  });
  it("is used once spent, even before expiry", () => {
    expect(linkState({ ...base, spentAt: 10 }, 20)).toBe("used");
  });
  it("is revoked when replaced or cancelled", () => {
    expect(linkState({ ...base, revokedAt: 10 }, 20)).toBe("revoked");
  });
});

describe("password rules", () => {
  it("accepts 12 to 128 characters, spaces included", () => {
    expect(passwordProblem("a".repeat(PASSWORD_MIN - 1))).toBe("password.tooShort");
    expect(passwordProblem("correct horse")).toBeNull();
    expect(passwordProblem("x".repeat(PASSWORD_MAX))).toBeNull();
    expect(passwordProblem("x".repeat(PASSWORD_MAX + 1))).toBe("password.tooLong");
  });

  it("counts characters, not UTF-16 units (an emoji is one)", () => {
    expect(passwordProblem("🔒".repeat(12))).toBeNull();
    expect(passwordProblem("🔒".repeat(11))).toBe("password.tooShort");
  });

  it.each(["tab\tinside-the-password", "new\nline-in-the-password", "null\u0000character-in-it", "lone \ud800 surrogate here"])(
    "refuses what does not print: %j",
    (password) => {
      expect(passwordProblem(password)).toBe("password.notPrintable");
    },
  );

  it("accepts accented letters and symbols", () => {
    expect(passwordProblem("Ñandú cigüeña ¿dónde?")).toBeNull();
  });
});

describe("the second factor's rules", () => {
  it("asks a user with a second factor for a code", () => {
    expect(secondStepAfterPassword({ hasSecondFactor: true, partnerRequires: true, setupRequired: false })).toBe("verify");
  });
  it("sends a user without one to set it up when the partner requires it or it was reset", () => {
    expect(secondStepAfterPassword({ hasSecondFactor: false, partnerRequires: true, setupRequired: false })).toBe("setUp");
    expect(secondStepAfterPassword({ hasSecondFactor: false, partnerRequires: false, setupRequired: true })).toBe("setUp");
  });
  it("signs a user without one in at once otherwise", () => {
    expect(secondStepAfterPassword({ hasSecondFactor: false, partnerRequires: false, setupRequired: false })).toBe("none");
  });
  it("groups a secret in fours", () => {
    expect(groupInFours("ABCDEFGHIJKLMN")).toBe("ABCD EFGH IJKL MN");
  });
  it("writes the recovery codes' file one code a line under its heading", () => {
    expect(recoveryCodesFile("Codes for a@b.test", ["aaaaa-bbbbb", "ccccc-ddddd"])).toBe("Codes for a@b.test\r\n\r\naaaaa-bbbbb\r\nccccc-ddddd\r\n");
  });
  it("tells a TOTP code from a recovery code", () => {
    expect(readCodeKind("123 456")).toBe("totp");
    expect(readCodeKind("abcde-fghij-kmnpq-rstuv-wxyz2-3")).toBe("recovery");
    expect(readCodeKind("12345")).toBeNull();
  });
});

describe("the Users page's address", () => {
  it("reads search, role, status and page, and leaves out what means nothing", async () => {
    const { parseTeamQuery } = await import("~/schemas/users");
    expect(parseTeamQuery(new URLSearchParams("q=%20pat%20&role=help_desk&status=invited&page=2"))).toEqual({
      search: "pat",
      role: "help_desk",
      status: "invited",
      page: 2,
    });
    expect(parseTeamQuery(new URLSearchParams("role=owner&status=gone&page=-3"))).toEqual({ search: "", role: undefined, status: undefined, page: 1 });
  });
});
