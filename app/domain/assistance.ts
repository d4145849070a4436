/**
 * Partner Assistance (F12): whether a partner may work in a customer's
 * Central Admin, and what the partner's pages say about it.
 */
import type { BillingType } from "../../lib/enums";
import { DAY_MS } from "./license-status";

/** A request the customer has not answered is no longer pending after this long. */
export const REQUEST_LIFETIME_DAYS = 14;
export const REQUEST_LIFETIME_MS = REQUEST_LIFETIME_DAYS * DAY_MS;

export type AssistanceState =
  | { state: "on" }
  | { state: "off" }
  | { state: "requested"; at: number }
  | { state: "refused"; at: number };

export type ApprovalRequestFacts = {
  status: string;
  createdAt: number;
  expiresAt: number;
  answeredAt: number | null;
};

/**
 * What the list says about Partner Assistance: on; else the latest request if
 * it is still pending or was refused; else off.
 */
export function assistanceState(
  on: boolean,
  latest: ApprovalRequestFacts | undefined | null,
  now: number,
): AssistanceState {
  if (on) return { state: "on" };
  if (latest && isPending(latest, now)) return { state: "requested", at: latest.createdAt };
  if (latest?.status === "refused") return { state: "refused", at: latest.answeredAt ?? latest.createdAt };
  return { state: "off" };
}

/** A request waits for an answer until it expires, 14 days after it was made. */
export function isPending(request: ApprovalRequestFacts, now: number): boolean {
  return request.status === "pending" && request.expiresAt > now;
}

export type AssistanceReason = "partner_trial" | "monthly" | "managed_order";

/**
 * Why Partner Assistance is on from the start for a new or converted account,
 * or null when it starts off and waits for the customer: a trial the partner
 * started, a monthly account and a managed customer order have it; a trial
 * the customer started and term licenses do not.
 */
export function assistanceFromStart(account: {
  billingType: BillingType;
  managedOrder: boolean;
  trialStartedBy: "partner" | "customer" | null;
}): AssistanceReason | null {
  if (account.managedOrder) return "managed_order";
  if (account.billingType === "usage") return "monthly";
  if (account.billingType === "trial" && account.trialStartedBy === "partner") return "partner_trial";
  return null;
}
