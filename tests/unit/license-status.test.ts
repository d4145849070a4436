import { describe, expect, it } from "vitest";
import {
  DAY_MS,
  EXPIRING_WITHIN_DAYS,
  daysLeft,
  isProtecting,
  licenseStatus,
  summariseByCategory,
  trialDaysLeft,
} from "../../app/domain/license-status";
import { LICENSE_CATEGORIES } from "../../db/schema";

const now = Date.UTC(2026, 4, 15, 12, 0, 0);
const inDays = (days: number) => now + days * DAY_MS;

describe("a license's status", () => {
  it("is active with more than 30 days left", () => {
    expect(licenseStatus({ endsAt: inDays(31), revoked: false }, now)).toBe("active");
    expect(licenseStatus({ endsAt: inDays(30) + 1, revoked: false }, now)).toBe("active");
  });

  it("is expiring with 30 days or fewer left", () => {
    expect(EXPIRING_WITHIN_DAYS).toBe(30);
    expect(licenseStatus({ endsAt: inDays(30), revoked: false }, now)).toBe("expiring");
    expect(licenseStatus({ endsAt: inDays(1), revoked: false }, now)).toBe("expiring");
    expect(licenseStatus({ endsAt: now + 1, revoked: false }, now)).toBe("expiring");
  });

  it("is expired from the moment it ends", () => {
    expect(licenseStatus({ endsAt: now, revoked: false }, now)).toBe("expired");
    expect(licenseStatus({ endsAt: inDays(-90), revoked: false }, now)).toBe("expired");
  });

  it("is revoked when revoked, whatever its dates", () => {
    expect(licenseStatus({ endsAt: inDays(200), revoked: true }, now)).toBe("revoked");
    expect(licenseStatus({ endsAt: inDays(-5), revoked: true }, now)).toBe("revoked");
  });

  it("counts days left rounded up, and zero once ended", () => {
    expect(daysLeft(inDays(12), now)).toBe(12);
    expect(daysLeft(inDays(11) + 1, now)).toBe(12);
    expect(daysLeft(now + 1, now)).toBe(1);
    expect(daysLeft(now, now)).toBe(0);
    expect(daysLeft(inDays(-3), now)).toBe(0);
  });

  it("protects only while active or expiring", () => {
    expect(isProtecting("active")).toBe(true);
    expect(isProtecting("expiring")).toBe(true);
    expect(isProtecting("expired")).toBe(false);
    expect(isProtecting("revoked")).toBe(false);
  });
});

describe("the summary by category", () => {
  it("gives a category the status of its best license", () => {
    const summary = summariseByCategory(
      [
        { category: "Endpoint", endsAt: inDays(-10), revoked: false },
        { category: "Endpoint", endsAt: inDays(100), revoked: false },
        { category: "Server", endsAt: inDays(-10), revoked: false },
        { category: "Server", endsAt: inDays(10), revoked: false },
        { category: "Email", endsAt: inDays(100), revoked: true },
        { category: "Email", endsAt: inDays(-1), revoked: false },
        { category: "Mobile", endsAt: inDays(100), revoked: true },
      ],
      now,
      LICENSE_CATEGORIES,
    );
    expect(summary).toEqual([
      { category: "Endpoint", status: "active", daysLeft: 100 },
      { category: "Server", status: "expiring", daysLeft: 10 },
      { category: "Email", status: "expired", daysLeft: 0 },
      { category: "Mobile", status: "revoked", daysLeft: 100 },
    ]);
  });

  it("between two licenses of the same status keeps the one with more days left", () => {
    const summary = summariseByCategory(
      [
        { category: "Endpoint", endsAt: inDays(5), revoked: false },
        { category: "Endpoint", endsAt: inDays(20), revoked: false },
        { category: "Endpoint", endsAt: inDays(8), revoked: false },
      ],
      now,
      LICENSE_CATEGORIES,
    );
    expect(summary).toEqual([{ category: "Endpoint", status: "expiring", daysLeft: 20 }]);
  });

  it("lists categories in the given order and leaves out categories without licenses", () => {
    const licenses = [
      { category: "Cloud" as const, endsAt: inDays(100), revoked: false },
      { category: "Endpoint" as const, endsAt: inDays(100), revoked: false },
      { category: "Firewall" as const, endsAt: inDays(100), revoked: false },
    ];
    expect(summariseByCategory(licenses, now, LICENSE_CATEGORIES).map((e) => e.category)).toEqual([
      "Endpoint",
      "Firewall",
      "Cloud",
    ]);
    expect(summariseByCategory(licenses, now, ["Cloud", "Endpoint"]).map((e) => e.category)).toEqual([
      "Cloud",
      "Endpoint",
    ]);
    expect(summariseByCategory([], now, LICENSE_CATEGORIES)).toEqual([]);
  });
});

describe("a trial customer's days left", () => {
  const trial = (endsAt: number, revoked = false) => ({ type: "trial", endsAt, revoked });

  it("counts to the last of its trial licenses that are not revoked", () => {
    const licenses = [trial(inDays(3)), trial(inDays(12)), trial(inDays(40), true), { type: "usage", endsAt: inDays(90), revoked: false }];
    expect(trialDaysLeft({ billingType: "trial", licenses }, now)).toBe(12);
  });

  it("is 0 once its trials have ended or when it has none, and null for a customer that is not a trial", () => {
    expect(trialDaysLeft({ billingType: "trial", licenses: [trial(inDays(-2))] }, now)).toBe(0);
    expect(trialDaysLeft({ billingType: "trial", licenses: [trial(inDays(5), true)] }, now)).toBe(0);
    expect(trialDaysLeft({ billingType: "usage", licenses: [trial(inDays(5))] }, now)).toBeNull();
  });
});
