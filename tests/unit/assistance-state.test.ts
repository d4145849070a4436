import { describe, expect, it } from "vitest";
import { assistanceState } from "~/domain/assistance";

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 4, 15);
const request = (status: string, extra: Partial<{ createdAt: number; expiresAt: number; answeredAt: number | null }> = {}) => ({
  status,
  createdAt: now - 2 * DAY,
  expiresAt: now + 12 * DAY,
  answeredAt: null,
  ...extra,
});

describe("what the list says about Partner Assistance", () => {
  it("says on when it is on, whatever the latest request", () => {
    expect(assistanceState(true, undefined, now)).toEqual({ state: "on" });
    expect(assistanceState(true, request("pending"), now)).toEqual({ state: "on" });
    expect(assistanceState(true, request("refused", { answeredAt: now - DAY }), now)).toEqual({ state: "on" });
  });

  it("says off when it is off and nothing was asked", () => {
    expect(assistanceState(false, undefined, now)).toEqual({ state: "off" });
  });

  it("says requested, with the date asked, while a request is pending", () => {
    expect(assistanceState(false, request("pending"), now)).toEqual({ state: "requested", at: now - 2 * DAY });
  });

  it("says off once a pending request has passed its 14 days", () => {
    expect(assistanceState(false, request("pending", { expiresAt: now }), now)).toEqual({ state: "off" });
    expect(assistanceState(false, request("pending", { expiresAt: now - DAY }), now)).toEqual({ state: "off" });
  });

  it("says refused, with the date of the answer, when the customer refused", () => {
    expect(assistanceState(false, request("refused", { answeredAt: now - DAY }), now)).toEqual({
      state: "refused",
      at: now - DAY,
    });
  });

  it("says off after an expired request, or an approval later turned off", () => {
    expect(assistanceState(false, request("expired"), now)).toEqual({ state: "off" });
    expect(assistanceState(false, request("approved", { answeredAt: now - DAY }), now)).toEqual({ state: "off" });
  });
});
