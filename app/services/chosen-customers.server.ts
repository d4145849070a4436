/**
 * The "chosen customers → confirm → result" flow that "Update billing type"
 * (F8, routes/customers_.billing.tsx) and "Unlink customers" (F9,
 * routes/customers_.unlink.tsx) share (decision 0015):
 *
 * 1. the confirmation page: the customers chosen on the list (`?ids=1&ids=2`)
 *    and what the policy says of each now (`planChosen`);
 * 2. the post: each customer changed in its own transaction, so one refusal
 *    never undoes another's change, and sorted into outcome lists
 *    (`changeEachChosen`);
 * 3. the result page: the same address with the outcome lists
 *    (`?done=1&converted=…`, post/redirect/get), named from the database
 *    through the scope, a refusal with the policy's reason as it stands now
 *    (`chosenResult`).
 *
 * Ids outside the user's scope are never listed, as if never chosen.
 */
import type { PartnerActor } from "~/domain/actor";
import { decide, type CustomerAction, type RefusalReason } from "~/domain/customer-policy";
import { listChosenCustomers, listResultNames, planForCustomers, type PlannedCustomer } from "~/models/customer-selection.server";
import { parseResultLists, parseSelection } from "~/schemas/selection";
import { now as clockNow } from "~/utils/clock";

type ChosenAction = Extract<CustomerAction, { kind: "convertBilling" | "unlink" }>;

/** The page when nothing (or nothing in the user's list) was chosen. */
export type NothingChosen = { view: "none"; reason: "empty" | "notInList" };

/** The confirmation page's plan, or why there is nothing to confirm. */
export function planChosen(
  actor: PartnerActor,
  search: URLSearchParams,
  action: ChosenAction,
): NothingChosen | { view: "confirm"; truncated: boolean; plan: PlannedCustomer[] } {
  const selection = parseSelection(search.getAll("ids"));
  if (selection.ids.length === 0) return { view: "none", reason: "empty" };
  const plan = planForCustomers({ actor, ids: selection.ids, action });
  if (plan.length === 0) return { view: "none", reason: "notInList" };
  return { view: "confirm", truncated: selection.truncated, plan };
}

/** Those of the plan the policy refuses, with its reason and the day from which it would allow. */
export function refusedOf(plan: readonly PlannedCustomer[]) {
  return plan.flatMap(({ id, name, decision }) =>
    decision.allowed ? [] : [{ id, name, reason: decision.reason, from: decision.from ?? null }],
  );
}

/**
 * Changes each chosen customer with `change`, which says which outcome list
 * it goes in. One read for every id first: ids of other partners or outside
 * the designation drop out here and are never mentioned; a customer unlinked
 * since the page was shown goes in "gone" (no longer in the list).
 */
export function changeEachChosen<List extends string>(
  actor: PartnerActor,
  ids: readonly number[],
  lists: readonly (List | "gone")[],
  change: (customerId: number) => List | "gone",
): Record<List | "gone", number[]> {
  const known = listResultNames({ scope: actor.scope, ids });
  const result = Object.fromEntries(lists.map((list) => [list, []])) as unknown as Record<List | "gone", number[]>;
  for (const customerId of ids) {
    const customer = known.get(customerId);
    if (!customer) continue;
    result[customer.unlinked ? "gone" : change(customerId)].push(customerId);
  }
  return result;
}

export type ResultCustomer = { id: number; name: string; inList: boolean };
export type RefusedResult = ResultCustomer & { reason: RefusalReason | null; from: number | null };

/**
 * The result page's lists from its address: each id named through the scope
 * (customers unlinked a moment ago included), and for "refused" the policy's
 * reason as it stands now (none when it would now allow).
 */
export function chosenResult<const List extends string>(
  actor: PartnerActor,
  search: URLSearchParams,
  lists: readonly List[],
  action: ChosenAction,
): { truncated: boolean; named: Record<List, ResultCustomer[]>; refused: RefusedResult[] } {
  const parsed = parseResultLists(search, lists);
  const names = listResultNames({ scope: actor.scope, ids: lists.flatMap((list) => parsed[list]) });
  const named = (ids: number[]) =>
    ids.flatMap((id) => {
      const found = names.get(id);
      return found ? [{ id, name: found.name, inList: !found.unlinked }] : [];
    });
  const refusedIds = (parsed as Record<string, number[]>)["refused"] ?? [];
  const at = clockNow();
  const facts = new Map(listChosenCustomers({ scope: actor.scope, ids: refusedIds }).map((c) => [c.id, c.facts]));
  return {
    truncated: parsed.truncated,
    named: Object.fromEntries(lists.map((list) => [list, named(parsed[list])])) as Record<List, ResultCustomer[]>,
    refused: named(refusedIds).map((customer) => {
      const current = facts.get(customer.id);
      const decision = current ? decide(actor, action, current, at) : null;
      return decision && !decision.allowed
        ? { ...customer, reason: decision.reason, from: decision.from ?? null }
        : { ...customer, reason: null, from: null };
    }),
  };
}
