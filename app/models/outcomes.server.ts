/**
 * The outcomes model functions share: a customer not found through the
 * scope, and the customer policy's refusal carried back to the route (which
 * shows it as a 403 page naming the reason; services/outcome-response.server.ts).
 */
import type { Decision, RefusalReason } from "~/domain/customer-policy";

export type NotFound = { status: "not_found" };
/** The policy's refusal, with the customer's shown name for a message that names it. */
export type Refused = { status: "refused"; name: string; reason: RefusalReason; from?: number };

/** The policy's refusal as an outcome, with the day from which it would be allowed when there is one. */
export function refused(decision: Extract<Decision, { allowed: false }>, name: string): Refused {
  return decision.from === undefined
    ? { status: "refused", name, reason: decision.reason }
    : { status: "refused", name, reason: decision.reason, from: decision.from };
}
