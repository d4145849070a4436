/**
 * The outcomes model functions share: a customer not found through the
 * scope, and the customer policy's refusal carried back to the route (which
 * shows it as a 403 page naming the reason).
 */
import type { Decision, RefusalReason } from "~/domain/customer-policy";

export type NotFound = { status: "not_found" };
export type Refused = { status: "refused"; reason: RefusalReason; from?: number };

/** The policy's refusal as an outcome, with the day from which it would be allowed when there is one. */
export function refused(decision: Extract<Decision, { allowed: false }>): Refused {
  return decision.from === undefined
    ? { status: "refused", reason: decision.reason }
    : { status: "refused", reason: decision.reason, from: decision.from };
}
