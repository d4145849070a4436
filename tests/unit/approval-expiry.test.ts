/**
 * F12: a request for approval waits 14 days for the customer's answer, and
 * no longer. Its boundary, to the second, as every reader sees it: whether it
 * is pending, what the list says, and whether the partner may ask again.
 */
import { describe, expect, it } from "vitest";
import type { PartnerActor } from "~/domain/actor";
import { REQUEST_LIFETIME_DAYS, REQUEST_LIFETIME_MS, assistanceState, isPending } from "~/domain/assistance";
import { decide, type CustomerFacts } from "~/domain/customer-policy";

const SECOND = 1000;
const DAY = 86_400_000;
const askedAt = Date.UTC(2026, 4, 1, 9, 15, 0);
const expiresAt = askedAt + REQUEST_LIFETIME_MS;

const pending = { status: "pending", createdAt: askedAt, expiresAt, answeredAt: null };

const superAdmin: PartnerActor = {
  kind: "partner",
  user: { id: 1, email: "super@northwind.test", name: "Nadia Super", role: "super_admin", designatedAll: true },
  partner: { id: 1, name: "Northwind Security", flexMsp: true, flexConnect: true },
  scope: { partnerId: 1, userId: 1, all: true },
};

const facts: CustomerFacts = {
  id: 5,
  billingType: "term",
  managedOrder: false,
  status: "active",
  linkState: "linked",
  unlinkScheduledFor: null,
  partnerAssistance: false,
  licenses: [],
  latestRequest: pending,
};

describe("a request's lifetime", () => {
  it("is 14 days", () => {
    expect(REQUEST_LIFETIME_DAYS).toBe(14);
    expect(REQUEST_LIFETIME_MS).toBe(14 * DAY);
  });
});

describe("a request one second before its 14 days are up", () => {
  const at = expiresAt - SECOND;

  it("is still pending", () => {
    expect(isPending(pending, at)).toBe(true);
  });

  it("shows on the list as requested, on the day it was made", () => {
    expect(assistanceState(false, pending, at)).toEqual({ state: "requested", at: askedAt });
  });

  it("keeps the partner from asking again, until its expiry", () => {
    expect(decide(superAdmin, { kind: "requestApproval" }, facts, at)).toEqual({
      allowed: false,
      reason: "request.pending",
      from: expiresAt,
    });
  });
});

describe("a request exactly 14 days old", () => {
  it("has expired", () => {
    expect(isPending(pending, expiresAt)).toBe(false);
  });

  it("shows on the list as off", () => {
    expect(assistanceState(false, pending, expiresAt)).toEqual({ state: "off" });
  });

  it("lets the partner ask again", () => {
    expect(decide(superAdmin, { kind: "requestApproval" }, facts, expiresAt)).toEqual({ allowed: true });
  });
});

describe("a request one second past its 14 days", () => {
  const at = expiresAt + SECOND;

  it("has expired, and lets the partner ask again", () => {
    expect(isPending(pending, at)).toBe(false);
    expect(assistanceState(false, pending, at)).toEqual({ state: "off" });
    expect(decide(superAdmin, { kind: "requestApproval" }, facts, at)).toEqual({ allowed: true });
  });
});

describe("an answered request", () => {
  it("is not pending, even well inside its 14 days", () => {
    const approved = { ...pending, status: "approved", answeredAt: askedAt + DAY };
    const refused = { ...pending, status: "refused", answeredAt: askedAt + DAY };
    expect(isPending(approved, askedAt + 2 * DAY)).toBe(false);
    expect(isPending(refused, askedAt + 2 * DAY)).toBe(false);
  });

  it("shows a refusal on the list with the day of the answer, long after the 14 days too", () => {
    const refused = { ...pending, status: "refused", answeredAt: askedAt + DAY };
    expect(assistanceState(false, refused, expiresAt + 30 * DAY)).toEqual({ state: "refused", at: askedAt + DAY });
  });
});
