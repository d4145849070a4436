import { describe, expect, it } from "vitest";
import type { CustomerAdminActor, LaunchedActor, PartnerActor } from "../../app/domain/actor";
import type { ApprovalRequestFacts } from "../../app/domain/assistance";
import {
  REFUSAL_REASONS,
  decide,
  firstDayOfNextMonth,
  holdsFlexLicenses,
  isRefusalReason,
  unlinkableFrom,
  type CustomerAction,
  type CustomerFacts,
  type ProgramFacts,
} from "../../app/domain/customer-policy";
import type { LicenseType, Role } from "../../lib/enums";

const DAY = 86_400_000;
const now = Date.UTC(2026, 4, 15, 10, 30, 0);
const daysAgo = (days: number) => now - days * DAY;
const inDays = (days: number) => now + days * DAY;

// ---------------------------------------------------------------------------
// Factories

const PARTNER_ID = 3;
const CUSTOMER_ID = 7;
const OTHER_CUSTOMER_ID = 8;

type Programs = { flexMsp: boolean; flexConnect: boolean };
const ALL_PROGRAMS: Programs = { flexMsp: true, flexConnect: true };

function partnerUser(role: Role, programs: Programs = ALL_PROGRAMS): PartnerActor {
  return {
    kind: "partner",
    user: { id: 11, email: "user@northwind.test", name: "Pat Partner", role, designatedAll: true },
    partner: { id: PARTNER_ID, name: "Northwind Security", ...programs },
    scope: { partnerId: PARTNER_ID, userId: 11, all: true },
  };
}

function customerAdmin(customerId: number = CUSTOMER_ID): CustomerAdminActor {
  return {
    kind: "customerAdmin",
    user: { id: 21, email: "admin@acme.test", name: "Casey Customer" },
    customer: { id: customerId, partnerId: PARTNER_ID, name: "Acme Corp" },
    scope: { partnerId: PARTNER_ID, userId: 21, all: false, customerId },
  };
}

function launchedUser(role: Role, customerId: number = CUSTOMER_ID): LaunchedActor {
  return {
    kind: "launched",
    user: { id: 11, email: "user@northwind.test", name: "Pat Partner", role, designatedAll: true },
    partner: { id: PARTNER_ID, name: "Northwind Security", ...ALL_PROGRAMS },
    customer: { id: customerId, partnerId: PARTNER_ID, name: "Acme Corp" },
    scope: { partnerId: PARTNER_ID, userId: 11, all: false, customerId },
    readOnly: role === "read_only",
  };
}

/** A linked, active term customer with no license, Partner Assistance off, never asked. */
function customer(overrides: Partial<CustomerFacts> = {}): CustomerFacts {
  return {
    id: CUSTOMER_ID,
    billingType: "term",
    managedOrder: false,
    status: "active",
    linkState: "linked",
    unlinkScheduledFor: null,
    partnerAssistance: false,
    licenses: [],
    latestRequest: null,
    ...overrides,
  };
}

function license(type: LicenseType, endsAt: number, revoked = false) {
  return { type, endsAt, revoked };
}

function request(overrides: Partial<ApprovalRequestFacts> = {}): ApprovalRequestFacts {
  return {
    status: "pending",
    createdAt: daysAgo(2),
    expiresAt: inDays(12),
    answeredAt: null,
    ...overrides,
  };
}

const program = (facts: Partial<ProgramFacts> = {}): ProgramFacts => ({ acceptsFlex: true, enrolled: false, ...facts });

const view = { kind: "view" } as const;
const rename = { kind: "rename" } as const;
const requestApproval = { kind: "requestApproval" } as const;
const launch = { kind: "launch" } as const;
const changeGroups = { kind: "changeGroups" } as const;
const convertBilling = { kind: "convertBilling" } as const;
const unlink = { kind: "unlink" } as const;
const cancelUnlink = { kind: "cancelUnlink" } as const;
const join = (facts: Partial<ProgramFacts> = {}): CustomerAction => ({ kind: "joinProgram", program: program(facts) });
const leave = (facts: Partial<ProgramFacts> = {}): CustomerAction => ({
  kind: "leaveProgram",
  program: program({ enrolled: true, ...facts }),
});

const superAdmin = partnerUser("super_admin");

// ---------------------------------------------------------------------------

describe("the role × action grid (SPEC §2), on customers whose own rules allow the action", () => {
  /**
   * For each action, an action and a customer on which the customer rules
   * allow it, so only the role decides. Launch needs Partner Assistance on
   * and a request for approval needs it off, so no single customer serves.
   */
  const PERMISSIVE: Record<CustomerAction["kind"], { action: CustomerAction; customer: CustomerFacts }> = {
    view: { action: view, customer: customer() },
    rename: { action: rename, customer: customer() },
    requestApproval: { action: requestApproval, customer: customer() },
    launch: { action: launch, customer: customer({ partnerAssistance: true }) },
    joinProgram: { action: join(), customer: customer() },
    leaveProgram: { action: leave(), customer: customer() },
    changeGroups: { action: changeGroups, customer: customer() },
    convertBilling: { action: convertBilling, customer: customer({ billingType: "trial" }) },
    unlink: { action: unlink, customer: customer({ billingType: "trial" }) },
    cancelUnlink: {
      action: cancelUnlink,
      customer: customer({ billingType: "usage", linkState: "unlink_scheduled", unlinkScheduledFor: inDays(17) }),
    },
  };

  /** SPEC §2 written out by hand: which roles may take each action. */
  const ROLES_OF: Record<CustomerAction["kind"], Role[]> = {
    view: ["super_admin", "admin", "help_desk", "read_only"],
    rename: ["super_admin", "admin"],
    requestApproval: ["super_admin", "admin"],
    launch: ["super_admin", "admin", "help_desk", "read_only"],
    joinProgram: ["super_admin", "admin"],
    leaveProgram: ["super_admin", "admin"],
    changeGroups: ["super_admin"],
    convertBilling: ["super_admin"],
    unlink: ["super_admin"],
    cancelUnlink: ["super_admin"],
  };

  const roles: Role[] = ["super_admin", "admin", "help_desk", "read_only"];
  const cases = (Object.keys(ROLES_OF) as CustomerAction["kind"][]).flatMap((kind) =>
    roles.map((role) => ({ role, kind, allowed: ROLES_OF[kind].includes(role) })),
  );

  it("covers every action kind", () => {
    expect(cases).toHaveLength(10 * 4);
  });

  it.each(cases)("a $role user may $kind a customer: $allowed", ({ role, kind, allowed }) => {
    const { action, customer: facts } = PERMISSIVE[kind];
    const decision = decide(partnerUser(role), action, facts, now);
    if (!allowed) {
      expect(decision).toEqual({ allowed: false, reason: "role" });
    } else if (kind === "launch" && role === "read_only") {
      expect(decision).toEqual({ allowed: true, readOnly: true });
    } else {
      expect(decision).toEqual({ allowed: true });
    }
  });
});

describe("renaming a customer", () => {
  it("a Help Desk user may not rename a customer: its role", () => {
    expect(decide(partnerUser("help_desk"), rename, customer(), now)).toEqual({ allowed: false, reason: "role" });
  });

  it("a Read-only user may not rename a customer: its role", () => {
    expect(decide(partnerUser("read_only"), rename, customer(), now)).toEqual({ allowed: false, reason: "role" });
  });

  it("an Admin may rename a customer", () => {
    expect(decide(partnerUser("admin"), rename, customer(), now)).toEqual({ allowed: true });
  });

  it("a managed customer order cannot be renamed, even by a Super Admin", () => {
    expect(decide(superAdmin, rename, customer({ managedOrder: true, partnerAssistance: true }), now)).toEqual({
      allowed: false,
      reason: "managedOrder.rename",
    });
  });

  it("a Help Desk user is told its role, not the managed order, when renaming a managed customer order", () => {
    expect(decide(partnerUser("help_desk"), rename, customer({ managedOrder: true }), now)).toEqual({
      allowed: false,
      reason: "role",
    });
  });
});

describe("unlinking a customer", () => {
  it("a term customer whose last license ended exactly 60 days ago can be unlinked", () => {
    const facts = customer({ licenses: [license("term", daysAgo(60))] });
    expect(decide(superAdmin, unlink, facts, now)).toEqual({ allowed: true });
  });

  it("a term customer whose last license ended 59 days ago cannot, and is told the day from which it can", () => {
    const facts = customer({ licenses: [license("term", daysAgo(59))] });
    expect(decide(superAdmin, unlink, facts, now)).toEqual({
      allowed: false,
      reason: "unlink.recentLicense",
      from: inDays(1),
    });
  });

  it("a term customer whose last license ended one millisecond short of 60 days ago cannot be unlinked yet", () => {
    const facts = customer({ licenses: [license("term", daysAgo(60) + 1)] });
    expect(decide(superAdmin, unlink, facts, now)).toEqual({ allowed: false, reason: "unlink.recentLicense", from: now + 1 });
  });

  it("a term customer is judged by its last license, not its first", () => {
    const facts = customer({ licenses: [license("term", daysAgo(90)), license("term", daysAgo(20))] });
    expect(decide(superAdmin, unlink, facts, now)).toEqual({
      allowed: false,
      reason: "unlink.recentLicense",
      from: inDays(40),
    });
  });

  it("a term customer with an active license cannot be unlinked until 60 days after it ends", () => {
    const facts = customer({ licenses: [license("term", inDays(100))] });
    expect(decide(superAdmin, unlink, facts, now)).toEqual({
      allowed: false,
      reason: "unlink.recentLicense",
      from: inDays(160),
    });
  });

  it("a customer with every license revoked can be unlinked at once", () => {
    const facts = customer({ licenses: [license("term", inDays(100), true), license("usage", daysAgo(5), true)] });
    expect(decide(superAdmin, unlink, facts, now)).toEqual({ allowed: true });
  });

  it("a revoked license that ends later does not hold back a customer whose other license ended 60 days ago", () => {
    const facts = customer({ licenses: [license("term", daysAgo(60)), license("term", inDays(100), true)] });
    expect(decide(superAdmin, unlink, facts, now)).toEqual({ allowed: true });
  });

  it("a term customer with no license at all can be unlinked at once", () => {
    expect(decide(superAdmin, unlink, customer({ licenses: [] }), now)).toEqual({ allowed: true });
  });

  it("a trial can be unlinked at once even with an active trial license", () => {
    const facts = customer({ billingType: "trial", licenses: [license("trial", inDays(20))] });
    expect(decide(superAdmin, unlink, facts, now)).toEqual({ allowed: true });
  });

  it("an inactive account can be unlinked at once", () => {
    const facts = customer({ status: "inactive", licenses: [license("term", daysAgo(10))] });
    expect(decide(superAdmin, unlink, facts, now)).toEqual({ allowed: true });
  });

  it("a monthly account's unlink is scheduled for the first day of next month", () => {
    const facts = customer({ billingType: "usage", licenses: [license("usage", inDays(365))] });
    expect(decide(superAdmin, unlink, facts, now)).toEqual({ allowed: true, unlinkOn: Date.UTC(2026, 5, 1) });
  });

  it("a monthly account's unlink asked on 31 December is scheduled for 1 January of next year", () => {
    const facts = customer({ billingType: "usage" });
    const newYearsEve = Date.UTC(2026, 11, 31, 23, 59, 59, 999);
    expect(decide(superAdmin, unlink, facts, newYearsEve)).toEqual({ allowed: true, unlinkOn: Date.UTC(2027, 0, 1) });
  });

  it("a customer already scheduled for unlink is refused with the scheduled day", () => {
    const facts = customer({
      billingType: "usage",
      linkState: "unlink_scheduled",
      unlinkScheduledFor: Date.UTC(2026, 5, 1),
    });
    expect(decide(superAdmin, unlink, facts, now)).toEqual({
      allowed: false,
      reason: "unlink.alreadyScheduled",
      from: Date.UTC(2026, 5, 1),
    });
  });

  it("a customer scheduled for unlink with no day recorded is refused without a date", () => {
    const facts = customer({ billingType: "usage", linkState: "unlink_scheduled", unlinkScheduledFor: null });
    const decision = decide(superAdmin, unlink, facts, now);
    expect(decision).toEqual({ allowed: false, reason: "unlink.alreadyScheduled" });
    expect(decision).not.toHaveProperty("from");
  });

  it("a managed customer order cannot be unlinked, even by a Super Admin", () => {
    const facts = customer({ managedOrder: true, partnerAssistance: true, billingType: "trial" });
    expect(decide(superAdmin, unlink, facts, now)).toEqual({ allowed: false, reason: "managedOrder.unlink" });
  });

  it("an Admin cannot unlink a customer: its role", () => {
    expect(decide(partnerUser("admin"), unlink, customer({ billingType: "trial" }), now)).toEqual({
      allowed: false,
      reason: "role",
    });
  });

  it("a Super Admin of a partner with no program can unlink a term customer", () => {
    const noPrograms = partnerUser("super_admin", { flexMsp: false, flexConnect: false });
    expect(decide(noPrograms, unlink, customer({ licenses: [license("term", daysAgo(90))] }), now)).toEqual({
      allowed: true,
    });
  });
});

describe("cancelling a scheduled unlink", () => {
  const scheduled = customer({
    billingType: "usage",
    partnerAssistance: true,
    linkState: "unlink_scheduled",
    unlinkScheduledFor: Date.UTC(2026, 5, 1),
  });

  it("a Super Admin may cancel a monthly account's scheduled unlink", () => {
    expect(decide(superAdmin, cancelUnlink, scheduled, now)).toEqual({ allowed: true });
  });

  it("a Super Admin may cancel on the last day before the unlink happens", () => {
    expect(decide(superAdmin, cancelUnlink, scheduled, Date.UTC(2026, 5, 1) - 1)).toEqual({ allowed: true });
  });

  it("a Super Admin of a partner with no program may cancel too: unlink needs no program", () => {
    const noPrograms = partnerUser("super_admin", { flexMsp: false, flexConnect: false });
    expect(decide(noPrograms, cancelUnlink, scheduled, now)).toEqual({ allowed: true });
  });

  it.each(["admin", "help_desk", "read_only"] as const)("a %s user may not cancel an unlink: its role", (role) => {
    expect(decide(partnerUser(role), cancelUnlink, scheduled, now)).toEqual({ allowed: false, reason: "role" });
  });

  it("a managed customer order is refused with the managed-order reason of unlink", () => {
    const facts = customer({ managedOrder: true, partnerAssistance: true });
    expect(decide(superAdmin, cancelUnlink, facts, now)).toEqual({ allowed: false, reason: "managedOrder.unlink" });
  });

  it("the policy leaves a customer with nothing scheduled to the model (its state, not a permission)", () => {
    expect(decide(superAdmin, cancelUnlink, customer({ billingType: "usage" }), now)).toEqual({ allowed: true });
  });
});

describe("launching a customer", () => {
  it("a Read-only user may launch a customer with Partner Assistance on, read-only", () => {
    expect(decide(partnerUser("read_only"), launch, customer({ partnerAssistance: true }), now)).toEqual({
      allowed: true,
      readOnly: true,
    });
  });

  it.each(["super_admin", "admin", "help_desk"] as const)(
    "a %s user launches a customer with Partner Assistance on with full access",
    (role) => {
      const decision = decide(partnerUser(role), launch, customer({ partnerAssistance: true }), now);
      expect(decision).toEqual({ allowed: true });
      expect(decision).not.toHaveProperty("readOnly");
    },
  );

  it.each(["super_admin", "admin", "help_desk", "read_only"] as const)(
    "nobody may launch a customer whose Partner Assistance is off: assistance.off (%s)",
    (role) => {
      expect(decide(partnerUser(role), launch, customer({ partnerAssistance: false }), now)).toEqual({
        allowed: false,
        reason: "assistance.off",
      });
    },
  );

  it("a managed customer order can always be launched", () => {
    const facts = customer({ managedOrder: true, partnerAssistance: false });
    expect(decide(superAdmin, launch, facts, now)).toEqual({ allowed: true });
  });

  it("a Read-only user launches a managed customer order read-only", () => {
    const facts = customer({ managedOrder: true, partnerAssistance: false });
    expect(decide(partnerUser("read_only"), launch, facts, now)).toEqual({ allowed: true, readOnly: true });
  });
});

describe("converting billing", () => {
  const trial = customer({ billingType: "trial", licenses: [license("trial", inDays(20))] });

  it("a Super Admin of a Flex MSP partner can convert a trial", () => {
    expect(decide(superAdmin, convertBilling, trial, now)).toEqual({ allowed: true });
  });

  it("an Admin cannot convert billing: its role", () => {
    expect(decide(partnerUser("admin"), convertBilling, trial, now)).toEqual({ allowed: false, reason: "role" });
  });

  it("an Admin of a partner without Flex MSP is told its role, not the program", () => {
    const admin = partnerUser("admin", { flexMsp: false, flexConnect: false });
    expect(decide(admin, convertBilling, trial, now)).toEqual({ allowed: false, reason: "role" });
  });

  it("a Super Admin of a partner without Flex MSP cannot convert billing: program.flexMsp", () => {
    const noFlexMsp = partnerUser("super_admin", { flexMsp: false, flexConnect: true });
    expect(decide(noFlexMsp, convertBilling, trial, now)).toEqual({ allowed: false, reason: "program.flexMsp" });
  });

  it.each(["term", "usage"] as const)("only trials can be converted: a %s customer is refused", (billingType) => {
    expect(decide(superAdmin, convertBilling, customer({ billingType }), now)).toEqual({
      allowed: false,
      reason: "billing.notTrial",
    });
  });

  it("a managed customer order cannot be converted, even when it is a trial", () => {
    const facts = customer({ billingType: "trial", managedOrder: true, partnerAssistance: true });
    expect(decide(superAdmin, convertBilling, facts, now)).toEqual({
      allowed: false,
      reason: "managedOrder.convertBilling",
    });
  });
});

describe("requesting a customer's approval", () => {
  it("an Admin may request approval of a customer with Partner Assistance off and no request", () => {
    expect(decide(partnerUser("admin"), requestApproval, customer(), now)).toEqual({ allowed: true });
  });

  it("a request for approval is refused while one is pending, with its expiry as the date", () => {
    const facts = customer({ latestRequest: request({ expiresAt: inDays(12) }) });
    expect(decide(superAdmin, requestApproval, facts, now)).toEqual({
      allowed: false,
      reason: "request.pending",
      from: inDays(12),
    });
  });

  it("a request expiring one millisecond from now is still pending", () => {
    const facts = customer({ latestRequest: request({ expiresAt: now + 1 }) });
    expect(decide(superAdmin, requestApproval, facts, now)).toEqual({
      allowed: false,
      reason: "request.pending",
      from: now + 1,
    });
  });

  it("a request for approval is allowed again once the pending one has expired (expiresAt = now)", () => {
    const facts = customer({ latestRequest: request({ createdAt: daysAgo(14), expiresAt: now }) });
    expect(decide(superAdmin, requestApproval, facts, now)).toEqual({ allowed: true });
  });

  it("a request for approval is allowed again once the pending one has expired (expiresAt < now)", () => {
    const facts = customer({ latestRequest: request({ createdAt: daysAgo(20), expiresAt: daysAgo(6) }) });
    expect(decide(superAdmin, requestApproval, facts, now)).toEqual({ allowed: true });
  });

  it("a request for approval is allowed again after the customer refused the last one", () => {
    const facts = customer({ latestRequest: request({ status: "refused", answeredAt: daysAgo(1) }) });
    expect(decide(superAdmin, requestApproval, facts, now)).toEqual({ allowed: true });
  });

  it("a request for approval is refused when Partner Assistance is already on", () => {
    expect(decide(superAdmin, requestApproval, customer({ partnerAssistance: true }), now)).toEqual({
      allowed: false,
      reason: "assistance.alreadyOn",
    });
  });

  it("a request for approval of a managed customer order is refused: managedOrder.requestApproval", () => {
    expect(decide(superAdmin, requestApproval, customer({ managedOrder: true, partnerAssistance: true }), now)).toEqual({
      allowed: false,
      reason: "managedOrder.requestApproval",
    });
  });

  it("a Help Desk user may not request approval: its role", () => {
    expect(decide(partnerUser("help_desk"), requestApproval, customer(), now)).toEqual({
      allowed: false,
      reason: "role",
    });
  });
});

describe("early access programs", () => {
  const withUsageLicense = customer({ licenses: [license("term", inDays(100)), license("usage", inDays(30))] });

  it("a customer holding a usage license cannot join a program that does not accept Flex licenses", () => {
    expect(decide(superAdmin, join({ acceptsFlex: false }), withUsageLicense, now)).toEqual({
      allowed: false,
      reason: "earlyAccess.flexNotAccepted",
    });
  });

  it("a customer holding a usage license can join a program that accepts Flex licenses", () => {
    expect(decide(superAdmin, join({ acceptsFlex: true }), withUsageLicense, now)).toEqual({ allowed: true });
  });

  it("a monthly account cannot join a program that does not accept Flex licenses, even with no license listed", () => {
    expect(decide(partnerUser("admin"), join({ acceptsFlex: false }), customer({ billingType: "usage" }), now)).toEqual({
      allowed: false,
      reason: "earlyAccess.flexNotAccepted",
    });
  });

  it("a customer with term licenses only can join a program that does not accept Flex licenses", () => {
    const facts = customer({ licenses: [license("term", inDays(100)), license("trial", inDays(10))] });
    expect(decide(partnerUser("admin"), join({ acceptsFlex: false }), facts, now)).toEqual({ allowed: true });
  });

  it("a revoked usage license does not count as holding Flex", () => {
    const facts = customer({ licenses: [license("term", inDays(100)), license("usage", inDays(30), true)] });
    expect(decide(superAdmin, join({ acceptsFlex: false }), facts, now)).toEqual({ allowed: true });
  });

  it("joining a program the customer is in is refused: earlyAccess.alreadyEnrolled", () => {
    expect(decide(superAdmin, join({ enrolled: true }), customer(), now)).toEqual({
      allowed: false,
      reason: "earlyAccess.alreadyEnrolled",
    });
  });

  it("a managed customer order cannot join a program: managedOrder.joinProgram", () => {
    expect(decide(superAdmin, join(), customer({ managedOrder: true, partnerAssistance: true }), now)).toEqual({
      allowed: false,
      reason: "managedOrder.joinProgram",
    });
  });

  it("leaving a program the customer is in is allowed, even for a customer holding Flex licenses", () => {
    expect(decide(partnerUser("admin"), leave({ acceptsFlex: false }), withUsageLicense, now)).toEqual({
      allowed: true,
    });
  });

  it("leaving a program the customer is not in is refused: earlyAccess.notEnrolled", () => {
    expect(decide(superAdmin, leave({ enrolled: false }), customer(), now)).toEqual({
      allowed: false,
      reason: "earlyAccess.notEnrolled",
    });
  });

  it.each(["help_desk", "read_only"] as const)("a %s user may neither join nor leave a program: its role", (role) => {
    expect(decide(partnerUser(role), join(), customer(), now)).toEqual({ allowed: false, reason: "role" });
    expect(decide(partnerUser(role), leave(), customer(), now)).toEqual({ allowed: false, reason: "role" });
  });
});

describe("changing a customer's groups", () => {
  it("a Super Admin may change a customer's groups", () => {
    expect(decide(superAdmin, changeGroups, customer(), now)).toEqual({ allowed: true });
  });

  it("a Super Admin may change the groups of a managed customer order", () => {
    expect(decide(superAdmin, changeGroups, customer({ managedOrder: true, partnerAssistance: true }), now)).toEqual({
      allowed: true,
    });
  });

  it.each(["admin", "help_desk", "read_only"] as const)(
    "a %s user may not change groups, of a managed customer order either: its role",
    (role) => {
      expect(decide(partnerUser(role), changeGroups, customer(), now)).toEqual({ allowed: false, reason: "role" });
      expect(decide(partnerUser(role), changeGroups, customer({ managedOrder: true }), now)).toEqual({
        allowed: false,
        reason: "role",
      });
    },
  );
});

describe("actors outside the Partner Console", () => {
  const everyAction: CustomerAction[] = [
    view,
    rename,
    requestApproval,
    launch,
    join(),
    leave(),
    changeGroups,
    convertBilling,
    unlink,
    cancelUnlink,
  ];
  const permissive = customer({ billingType: "trial", partnerAssistance: true });

  it("a customer admin may view its own customer", () => {
    expect(decide(customerAdmin(CUSTOMER_ID), view, permissive, now)).toEqual({ allowed: true });
  });

  it.each(everyAction.filter((action) => action.kind !== "view"))(
    "a customer admin may not $kind its own customer: its role",
    (action) => {
      expect(decide(customerAdmin(CUSTOMER_ID), action, permissive, now)).toEqual({ allowed: false, reason: "role" });
    },
  );

  it.each(everyAction)("a customer admin may not $kind another customer: otherCustomer", (action) => {
    const other = customer({ ...permissive, id: OTHER_CUSTOMER_ID });
    expect(decide(customerAdmin(CUSTOMER_ID), action, other, now)).toEqual({
      allowed: false,
      reason: "otherCustomer",
    });
  });

  it("a launched partner user may view the launched customer", () => {
    expect(decide(launchedUser("super_admin", CUSTOMER_ID), view, permissive, now)).toEqual({ allowed: true });
  });

  it("a launched partner user may not view another customer: otherCustomer", () => {
    const other = customer({ ...permissive, id: OTHER_CUSTOMER_ID });
    expect(decide(launchedUser("super_admin", CUSTOMER_ID), view, other, now)).toEqual({
      allowed: false,
      reason: "otherCustomer",
    });
  });

  it.each(everyAction.filter((action) => action.kind !== "view"))(
    "a launched Super Admin may not $kind even the launched customer: its role",
    (action) => {
      expect(decide(launchedUser("super_admin", CUSTOMER_ID), action, permissive, now)).toEqual({
        allowed: false,
        reason: "role",
      });
    },
  );
});

describe("the customer's own console: Partner Assistance (F12, F14)", () => {
  const turnOn = { kind: "setAssistance", on: true } as const;
  const turnOff = { kind: "setAssistance", on: false } as const;
  const answer = { kind: "answerRequest" } as const;

  it("a customer admin may turn its own Partner Assistance on", () => {
    expect(decide(customerAdmin(CUSTOMER_ID), turnOn, customer(), now)).toEqual({ allowed: true });
  });

  it("a customer admin may turn its own Partner Assistance off", () => {
    expect(decide(customerAdmin(CUSTOMER_ID), turnOff, customer({ partnerAssistance: true }), now)).toEqual({
      allowed: true,
    });
  });

  it("a customer admin may answer its partner's requests", () => {
    const facts = customer({ latestRequest: request() });
    expect(decide(customerAdmin(CUSTOMER_ID), answer, facts, now)).toEqual({ allowed: true });
  });

  it("a managed customer order's admin may not turn Partner Assistance off: managedOrder.assistance", () => {
    const facts = customer({ managedOrder: true, partnerAssistance: true });
    expect(decide(customerAdmin(CUSTOMER_ID), turnOff, facts, now)).toEqual({
      allowed: false,
      reason: "managedOrder.assistance",
    });
  });

  it("a managed customer order's admin turning it on is no refusal (it is on already)", () => {
    const facts = customer({ managedOrder: true, partnerAssistance: true });
    expect(decide(customerAdmin(CUSTOMER_ID), turnOn, facts, now)).toEqual({ allowed: true });
  });

  it.each([turnOn, turnOff, answer])("a customer admin may not $kind another customer: otherCustomer", (action) => {
    const other = customer({ id: OTHER_CUSTOMER_ID, partnerAssistance: true });
    expect(decide(customerAdmin(CUSTOMER_ID), action, other, now)).toEqual({ allowed: false, reason: "otherCustomer" });
  });

  it.each(["super_admin", "admin", "help_desk", "read_only"] as const)(
    "a %s user launched into the console may neither change Partner Assistance nor answer a request: its role",
    (role) => {
      for (const action of [turnOn, turnOff, answer]) {
        expect(decide(launchedUser(role, CUSTOMER_ID), action, customer({ partnerAssistance: true }), now)).toEqual({
          allowed: false,
          reason: "role",
        });
      }
    },
  );

  it.each(["super_admin", "admin", "help_desk", "read_only"] as const)(
    "a %s user in the Partner Console may neither change a customer's Partner Assistance nor answer for it: its role",
    (role) => {
      for (const action of [turnOn, turnOff, answer]) {
        expect(decide(partnerUser(role), action, customer(), now)).toEqual({ allowed: false, reason: "role" });
      }
    },
  );
});

// ---------------------------------------------------------------------------
// Helpers

describe("holdsFlexLicenses", () => {
  it("is true for a monthly account, even with no license", () => {
    expect(holdsFlexLicenses({ billingType: "usage", licenses: [] })).toBe(true);
  });

  it("is true for a term customer holding a usage license", () => {
    expect(holdsFlexLicenses({ billingType: "term", licenses: [license("term", inDays(9)), license("usage", inDays(9))] })).toBe(
      true,
    );
  });

  it("is false for a customer with only term and trial licenses", () => {
    expect(holdsFlexLicenses({ billingType: "term", licenses: [license("term", inDays(9))] })).toBe(false);
    expect(holdsFlexLicenses({ billingType: "trial", licenses: [license("trial", inDays(9))] })).toBe(false);
  });

  it("is false when its only usage license is revoked", () => {
    expect(holdsFlexLicenses({ billingType: "term", licenses: [license("usage", inDays(9), true)] })).toBe(false);
  });

  it("is false for a term customer with no license", () => {
    expect(holdsFlexLicenses({ billingType: "term", licenses: [] })).toBe(false);
  });
});

describe("unlinkableFrom", () => {
  it("is null for a customer with no license", () => {
    expect(unlinkableFrom({ licenses: [] })).toBeNull();
  });

  it("is null when every license is revoked", () => {
    expect(unlinkableFrom({ licenses: [license("term", daysAgo(5), true), license("term", inDays(5), true)] })).toBeNull();
  });

  it("is 60 days after the end of the last license", () => {
    expect(unlinkableFrom({ licenses: [license("term", daysAgo(30)), license("term", daysAgo(10))] })).toBe(inDays(50));
  });

  it("counts an active license by its end date", () => {
    expect(unlinkableFrom({ licenses: [license("term", inDays(200))] })).toBe(inDays(260));
  });

  it("ignores a revoked license that ends after the others", () => {
    expect(unlinkableFrom({ licenses: [license("term", daysAgo(10)), license("term", inDays(300), true)] })).toBe(
      inDays(50),
    );
  });
});

describe("firstDayOfNextMonth", () => {
  it("is midnight UTC of the 1st of the next month", () => {
    expect(firstDayOfNextMonth(Date.UTC(2026, 4, 15, 10, 30))).toBe(Date.UTC(2026, 5, 1));
  });

  it("is 1 January of next year on 31 December", () => {
    expect(firstDayOfNextMonth(Date.UTC(2026, 11, 31))).toBe(Date.UTC(2027, 0, 1));
    expect(firstDayOfNextMonth(Date.UTC(2026, 11, 31, 23, 59, 59, 999))).toBe(Date.UTC(2027, 0, 1));
  });

  it("is 1 February on 31 January, not a day of March", () => {
    expect(firstDayOfNextMonth(Date.UTC(2026, 0, 31, 12))).toBe(Date.UTC(2026, 1, 1));
  });

  it("is 1 March on 29 February of a leap year", () => {
    expect(firstDayOfNextMonth(Date.UTC(2028, 1, 29, 8))).toBe(Date.UTC(2028, 2, 1));
  });

  it("is the next month's 1st, not today, at midnight of a 1st", () => {
    expect(firstDayOfNextMonth(Date.UTC(2026, 2, 1))).toBe(Date.UTC(2026, 3, 1));
  });

  it("is the next month's 1st at the very last millisecond of a month", () => {
    expect(firstDayOfNextMonth(Date.UTC(2026, 3, 1) - 1)).toBe(Date.UTC(2026, 3, 1));
  });
});

describe("isRefusalReason", () => {
  it.each(REFUSAL_REASONS)("recognises %s", (reason) => {
    expect(isRefusalReason(reason)).toBe(true);
  });

  it("rejects a string that is not a reason", () => {
    expect(isRefusalReason("nope")).toBe(false);
    expect(isRefusalReason("")).toBe(false);
    expect(isRefusalReason("policy.role")).toBe(false);
    expect(isRefusalReason("ROLE")).toBe(false);
    expect(isRefusalReason("unlink")).toBe(false);
    expect(isRefusalReason("toString")).toBe(false);
  });

  it("rejects anything that is not a string", () => {
    expect(isRefusalReason(undefined)).toBe(false);
    expect(isRefusalReason(null)).toBe(false);
    expect(isRefusalReason(42)).toBe(false);
    expect(isRefusalReason(["role"])).toBe(false);
    expect(isRefusalReason({ reason: "role" })).toBe(false);
  });
});
