/**
 * Launching a customer's Central Admin (F13): a partner user opens the
 * customer's console as the partner. The launch itself lives in the partner
 * user's session (services/session.server.ts); here are the two questions
 * about it that need the database: may this user launch it now (recorded in
 * the activity log when yes), and does a launch made earlier still hold (the
 * guard asks at every request of the launched console, so turning Partner
 * Assistance off, unlinking the customer or taking it out of the user's
 * designation ends the launch at once).
 */
import { getDb } from "~/db.server";
import { decide, type RefusalReason } from "~/domain/customer-policy";
import { now as clockNow } from "~/utils/clock";
import { getCustomerFacts, shownCustomerName } from "./customer-details.server";
import { guardedCustomerWrite, type CustomerCommand } from "./guarded-write.server";
import type { NotFound, Refused } from "./outcomes.server";

export type LaunchOutcome = { status: "launched"; name: string; readOnly: boolean } | NotFound | Refused;

/**
 * Launches a customer for a partner user, if the policy allows it (Partner
 * Assistance on, or a managed customer order; every role, a Read-only user
 * read-only), and records it: the "customer.launch" activity row, in one
 * transaction with the decision. The caller then marks the user's session as
 * launched.
 */
export function launchCustomer({
  actor,
  customerId,
  now = clockNow(),
}: CustomerCommand): LaunchOutcome {
  return guardedCustomerWrite({ actor, customerId, now, action: { kind: "launch" } }, ({ tx, decision, record }): LaunchOutcome => {
    record({ kind: "customer.launch" });
    return { status: "launched", name: shownCustomerName(tx, customerId), readOnly: decision.readOnly === true };
  });
}

export type LaunchCheck =
  | { status: "allowed"; name: string; readOnly: boolean }
  | { status: "not_found" }
  | { status: "refused"; reason: RefusalReason };

/**
 * Whether a partner user may still be in this customer's console: the
 * customer still in the user's scope (linked, of its partner, in its
 * designation) and the policy still allowing the launch. Reads only. The
 * customer's current name comes with it, so the console shows a rename at once.
 */
export function checkLaunch({
  actor,
  customerId,
  now = clockNow(),
}: CustomerCommand): LaunchCheck {
  const db = getDb();
  const facts = getCustomerFacts({ scope: actor.scope, customerId }, db);
  if (!facts) return { status: "not_found" };
  const decision = decide(actor, { kind: "launch" }, facts, now);
  if (!decision.allowed) return { status: "refused", reason: decision.reason };
  return { status: "allowed", name: shownCustomerName(db, customerId), readOnly: decision.readOnly === true };
}
