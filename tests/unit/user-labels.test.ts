import { describe, expect, it } from "vitest";
import { accessSummary, statusText } from "~/components/ui/user-labels";
import { createI18n } from "~/i18n/translate";

const en = createI18n("en");
const es = createI18n("es");
const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 5, 1);

describe("a user's customer access in words", () => {
  it("says All customers, or so many groups and customers, leaving out a part that is none", () => {
    expect(accessSummary(en, { all: true })).toBe("All customers");
    expect(accessSummary(en, { all: false, groups: 2, customers: 3 })).toBe("2 groups, 3 customers");
    expect(accessSummary(en, { all: false, groups: 1, customers: 0 })).toBe("1 group");
    expect(accessSummary(en, { all: false, groups: 0, customers: 1 })).toBe("1 customer");
    expect(accessSummary(es, { all: false, groups: 2, customers: 1 })).toBe("2 grupos, 1 cliente");
  });
});

describe("a user's status in words", () => {
  it("gives an invitation's expiry, or says its link expired", () => {
    expect(statusText(en, { status: "invited", invitationExpiresAt: now + 7 * DAY }, now)).toBe("Invited, expires Jun 8, 2026");
    expect(statusText(en, { status: "invited", invitationExpiresAt: now - 1 }, now)).toBe("Invited, link expired");
    expect(statusText(en, { status: "invited", invitationExpiresAt: null }, now)).toBe("Invited, link expired");
  });

  it("says Active and Deactivated, in Spanish too", () => {
    expect(statusText(en, { status: "active", invitationExpiresAt: null }, now)).toBe("Active");
    expect(statusText(es, { status: "deactivated", invitationExpiresAt: null }, now)).toBe("Desactivado");
  });
});
