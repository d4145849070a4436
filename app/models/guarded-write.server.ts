/**
 * The one shape of every change to one customer (STYLE.md §1, decision 0025):
 * in one write transaction, read the customer's facts through the actor's
 * scope (not found outside it), ask the customer policy
 * (domain/customer-policy.ts) with those facts, and only when it allows,
 * run the change, which writes its activity row with `record`. A refusal is
 * an outcome, never an exception, and writes nothing.
 */
import { writeTransaction, type Tx } from "~/db.server";
import type { CustomerAdminActor, PartnerActor } from "~/domain/actor";
import {
  decide,
  type ConsoleAction,
  type CustomerAction,
  type CustomerFacts,
  type Decision,
} from "~/domain/customer-policy";
import type { ActivityKind } from "~/domain/activity-kinds";
import { recordActivity } from "./activities.server";
import { getCustomerFacts, shownCustomerName } from "./customer-details.server";
import { refused, type NotFound, type Refused } from "./outcomes.server";

/** Who may change a customer: a partner user, or a customer's own admin in its console. */
export type CustomerWriter = PartnerActor | CustomerAdminActor;

/** What every customer command of a partner user is called with; `now` is the clock's unless a test fixes it. */
export type CustomerCommand = { actor: PartnerActor; customerId: number; now?: number };

/** What the change is given once the policy has said yes. */
export type AllowedChange = {
  tx: Tx;
  facts: CustomerFacts;
  decision: Extract<Decision, { allowed: true }>;
  /** Writes the change's activity row: the customer's partner and the actor's user, at the change's time. */
  record: (activity: { kind: ActivityKind; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null }) => void;
};

/** An outcome that ends the command before the policy is asked (an early access program that does not exist). */
type Early = { status: string };

/**
 * Runs one guarded change to one customer. `action` is what the policy is
 * asked; a function when the question needs a row read first (it may then
 * return an outcome that ends the command, such as a program not found).
 * A refusal carries the customer's shown name, for a message that names it.
 */
export function guardedCustomerWrite<Done, Stop extends Early = never>(
  command: {
    actor: CustomerWriter;
    customerId: number;
    now: number;
    action: CustomerAction | ConsoleAction | ((tx: Tx) => CustomerAction | Stop);
  },
  change: (allowed: AllowedChange) => Done,
): Done | Stop | NotFound | Refused {
  const { actor, customerId, now } = command;
  return writeTransaction((tx): Done | Stop | NotFound | Refused => {
    const facts = getCustomerFacts({ scope: actor.scope, customerId }, tx);
    if (!facts) return { status: "not_found" };
    const action = typeof command.action === "function" ? command.action(tx) : command.action;
    if ("status" in action) return action;
    const decision = decide(actor, action, facts, now);
    if (!decision.allowed) return refused(decision, shownCustomerName(tx, customerId));
    const partnerId = actor.kind === "partner" ? actor.partner.id : actor.customer.partnerId;
    return change({
      tx,
      facts,
      decision,
      record: (activity) => recordActivity(tx, { partnerId, customerId, actorUserId: actor.user.id, ...activity, at: now }),
    });
  });
}

