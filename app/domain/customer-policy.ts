/**
 * The customer policy: for an actor and the facts of one customer, may the
 * actor do this to the customer, and if not, why, and from when?
 *
 * Every rule of the product that depends on the customer is written here
 * once (SPEC §2, F7-F13). Models ask it inside their transaction and return
 * a refusal as an outcome; loaders hand its answers to pages as capability
 * flags; a refusal for a visible customer becomes a 403 page that names the
 * reason (its message is `policy.<reason>` in the catalogues).
 *
 * Whether the actor can see the customer at all is not decided here: a
 * customer outside the actor's scope is never read (models/scope.server.ts),
 * and is a 404.
 */
import type { BillingType, LicenseType } from "../../lib/enums";
import { firstDayOfNextMonth } from "../../lib/dates";
import type { Actor } from "./actor";
import { isPending, type ApprovalRequestFacts } from "./assistance";
import { DAY_MS } from "./license-status";
import { whyNot, type Permission } from "./permissions";

/** Licenses can be reactivated this long after they end, so the customer stays linked until then (F9). */
export const REACTIVATION_DAYS = 60;

/** What the policy needs to know about one customer. */
export type CustomerFacts = {
  id: number;
  billingType: BillingType;
  managedOrder: boolean;
  status: "active" | "inactive";
  linkState: "linked" | "unlink_scheduled" | "unlinked";
  unlinkScheduledFor: number | null;
  partnerAssistance: boolean;
  licenses: readonly { type: LicenseType; endsAt: number; revoked: boolean }[];
  /** The customer's latest approval request, if it ever had one. */
  latestRequest: ApprovalRequestFacts | null;
};

/** An early access program as the policy sees it, with the customer's enrolment. */
export type ProgramFacts = { acceptsFlex: boolean; enrolled: boolean };

export type CustomerAction =
  | { kind: "view" }
  | { kind: "rename" }
  | { kind: "requestApproval" }
  | { kind: "launch" }
  | { kind: "joinProgram"; program: ProgramFacts }
  | { kind: "leaveProgram"; program: ProgramFacts }
  | { kind: "changeGroups" }
  | { kind: "convertBilling" }
  | { kind: "unlink" }
  | { kind: "cancelUnlink" };

/**
 * What is decided in a customer's own Central Admin (F12, F14): whether its
 * partner may come in. Only the customer's own admin decides; never a partner
 * user, launched into the console or not.
 */
export type ConsoleAction = { kind: "setAssistance"; on: boolean } | { kind: "answerRequest" };

export const REFUSAL_REASONS = [
  "role",
  "program.flexMsp",
  "program.flexConnect",
  "otherCustomer",
  "managedOrder.rename",
  "managedOrder.requestApproval",
  "managedOrder.joinProgram",
  "managedOrder.convertBilling",
  "managedOrder.unlink",
  "managedOrder.assistance",
  "assistance.off",
  "assistance.alreadyOn",
  "request.pending",
  "earlyAccess.flexNotAccepted",
  "earlyAccess.alreadyEnrolled",
  "earlyAccess.notEnrolled",
  "billing.notTrial",
  "unlink.recentLicense",
  "unlink.alreadyScheduled",
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type Decision =
  | {
      allowed: true;
      /** For launch: the console opens read-only (a Read-only partner user). */
      readOnly?: boolean;
      /** For unlink: a monthly account is unlinked on this day, not at once. */
      unlinkOn?: number;
    }
  | {
      allowed: false;
      reason: RefusalReason;
      /** The day from which it would be allowed, when one is known. */
      from?: number;
    };

const allow: Decision = { allowed: true };

function refuse(reason: RefusalReason, from?: number): Decision {
  return from === undefined ? { allowed: false, reason } : { allowed: false, reason, from };
}

/** Whether a string names a refusal reason (an error page reads one from a response). */
export function isRefusalReason(value: unknown): value is RefusalReason {
  return typeof value === "string" && (REFUSAL_REASONS as readonly string[]).includes(value);
}

/** The permission each action needs from a partner user's role. */
const PERMISSION_OF: Record<CustomerAction["kind"], Permission> = {
  view: "customers.view",
  rename: "customer.rename",
  requestApproval: "customer.requestApproval",
  launch: "customer.launch",
  joinProgram: "customer.enrolEarlyAccess",
  leaveProgram: "customer.enrolEarlyAccess",
  changeGroups: "groups.manage",
  convertBilling: "customer.updateBilling",
  unlink: "customer.unlink",
  cancelUnlink: "customer.unlink",
};

/**
 * May this actor do this to this customer? The role (and partner program)
 * first, then the rules of the customer itself.
 */
export function decide(
  actor: Actor,
  action: CustomerAction | ConsoleAction,
  customer: CustomerFacts,
  now: number,
): Decision {
  if (actor.kind !== "partner") {
    // A customer admin, or a partner launched into a console, works on that
    // one customer's own console only: nothing of the Partner Console.
    if (actor.customer.id !== customer.id) return refuse("otherCustomer");
    if (action.kind === "view") return allow;
    // F14: Partner Assistance is the customer's own choice, never its partner's.
    if (isConsoleAction(action) && actor.kind === "customerAdmin") {
      const rule = CONSOLE_RULES[action.kind] as (customer: CustomerFacts, action: ConsoleAction) => Decision;
      return rule(customer, action);
    }
    return refuse("role");
  }
  if (isConsoleAction(action)) return refuse("role");
  const missing = whyNot(actor.user.role, actor.partner, PERMISSION_OF[action.kind]);
  if (missing) return refuse(missing);
  const rule = RULES[action.kind] as (customer: CustomerFacts, action: CustomerAction, now: number) => Decision;
  const decision = rule(customer, action, now);
  if (action.kind === "launch" && decision.allowed && actor.user.role === "read_only") {
    return { allowed: true, readOnly: true };
  }
  return decision;
}

/** A shorthand for pages: just whether it is allowed. */
export function isAllowed(
  actor: Actor,
  action: CustomerAction | ConsoleAction,
  customer: CustomerFacts,
  now: number,
): boolean {
  return decide(actor, action, customer, now).allowed;
}

type Rules = {
  [K in CustomerAction["kind"]]: (
    customer: CustomerFacts,
    action: Extract<CustomerAction, { kind: K }>,
    now: number,
  ) => Decision;
};

/** The rules of the customer itself, once the role allows the action. */
const RULES: Rules = {
  view: () => allow,

  // F10: a managed customer order's name is the marketplace's.
  rename: (customer) => (customer.managedOrder ? refuse("managedOrder.rename") : allow),

  // F12: one pending request at a time; none when Partner Assistance is on
  // (always, for a managed customer order).
  requestApproval: (customer, _action, now) => {
    if (customer.managedOrder) return refuse("managedOrder.requestApproval");
    if (customer.partnerAssistance) return refuse("assistance.alreadyOn");
    const latest = customer.latestRequest;
    if (latest && isPending(latest, now)) return refuse("request.pending", latest.expiresAt);
    return allow;
  },

  // F13: only while Partner Assistance is on (always, for a managed customer order).
  launch: (customer) =>
    customer.managedOrder || customer.partnerAssistance ? allow : refuse("assistance.off"),

  // F11: a customer holding Flex (monthly) licenses cannot join a program
  // that does not accept them. F10: a managed customer order joins nothing here.
  joinProgram: (customer, { program }) => {
    if (customer.managedOrder) return refuse("managedOrder.joinProgram");
    if (program.enrolled) return refuse("earlyAccess.alreadyEnrolled");
    if (!program.acceptsFlex && holdsFlexLicenses(customer)) return refuse("earlyAccess.flexNotAccepted");
    return allow;
  },

  leaveProgram: (_customer, { program }) => (program.enrolled ? allow : refuse("earlyAccess.notEnrolled")),

  // Groups are the partner's own filing: any visible customer, managed orders included.
  changeGroups: () => allow,

  // F8: only trials become monthly accounts; never a managed customer order.
  convertBilling: (customer) => {
    if (customer.managedOrder) return refuse("managedOrder.convertBilling");
    if (customer.billingType !== "trial") return refuse("billing.notTrial");
    return allow;
  },

  // F9.
  unlink: (customer, _action, now) => {
    if (customer.managedOrder) return refuse("managedOrder.unlink");
    if (customer.linkState === "unlink_scheduled") {
      return refuse("unlink.alreadyScheduled", customer.unlinkScheduledFor ?? undefined);
    }
    if (customer.billingType === "trial" || customer.status === "inactive") return allow;
    // A monthly account is billed to the end of the month: it goes on the 1st of the next.
    if (customer.billingType === "usage") return { allowed: true, unlinkOn: firstDayOfNextMonth(now) };
    const from = unlinkableFrom(customer);
    return from === null || from <= now ? allow : refuse("unlink.recentLicense", from);
  },

  // F9: whoever may unlink may take back a scheduled unlink until its day. A
  // managed customer order is never scheduled; saying so keeps its reason
  // the same as for unlink. Whether an unlink is scheduled at all is the
  // customer's state, not a permission: the model answers "not scheduled"
  // (nothing to cancel, as a second click would find) without writing.
  cancelUnlink: (customer) => (customer.managedOrder ? refuse("managedOrder.unlink") : allow),
};

function isConsoleAction(action: CustomerAction | ConsoleAction): action is ConsoleAction {
  return action.kind === "setAssistance" || action.kind === "answerRequest";
}

/** The rules of the customer's own console, for its own admin. */
const CONSOLE_RULES: {
  [K in ConsoleAction["kind"]]: (customer: CustomerFacts, action: Extract<ConsoleAction, { kind: K }>) => Decision;
} = {
  // F10: a managed customer order always has Partner Assistance on. Turning it
  // to the state it is in already is no refusal: the model says so and writes nothing.
  setAssistance: (customer, { on }) => (customer.managedOrder && !on ? refuse("managedOrder.assistance") : allow),

  // Whether the request still waits for an answer is the request's state, not
  // a permission: the model answers "no longer pending" without writing.
  answerRequest: () => allow,
};

/** Whether the customer holds any Flex (usage, monthly) license, or is a monthly account. */
export function holdsFlexLicenses(customer: Pick<CustomerFacts, "billingType" | "licenses">): boolean {
  return (
    customer.billingType === "usage" ||
    customer.licenses.some((license) => license.type === "usage" && !license.revoked)
  );
}

/**
 * The day from which a term customer can be unlinked: 60 days after its last
 * license that is not revoked ends (an active one included); null when every
 * license is revoked, or it has none.
 */
export function unlinkableFrom(customer: Pick<CustomerFacts, "licenses">): number | null {
  const ends = customer.licenses.filter((license) => !license.revoked).map((license) => license.endsAt);
  if (ends.length === 0) return null;
  return Math.max(...ends) + REACTIVATION_DAYS * DAY_MS;
}

export { firstDayOfNextMonth };
