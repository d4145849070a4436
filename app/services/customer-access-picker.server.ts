/**
 * What the customer-access picker (components/ui/CustomerAccessPicker.tsx)
 * shows for a choice being made: the actor's groups with the chosen ones
 * ticked, the chosen customers by name, and the customers matching the
 * search with an "Add" button each (a few at a time: a partner may have
 * 20,000). Everything through the actor's scope: an id of another partner,
 * or an unlinked customer, in the address or the form is not shown and not
 * kept (docs/decisions/0026-customer-access-picker.md).
 */
import type { PartnerActor } from "~/domain/actor";
import { listGroupOptions } from "~/models/groups.server";
import { listCustomerOptions, searchCustomerOptions } from "~/models/customer-picker.server";
import type { CustomerAccessDraft, CustomerAccessPickerData } from "~/schemas/customer-access";

export type { CustomerAccessPickerData };

/** Customers a search shows at once. */
export const PICKER_RESULTS = 20;

/** The picker's data for a draft, read through the actor's scope. */
export function customerAccessPicker(actor: PartnerActor, draft: CustomerAccessDraft): CustomerAccessPickerData {
  const groups = listGroupOptions({ scope: actor.scope });
  const chosenGroups = new Set(draft.groupIds);
  const chosenCustomers = listCustomerOptions({ scope: actor.scope, ids: draft.customerIds });
  const found =
    draft.search === ""
      ? null
      : searchCustomerOptions({
          scope: actor.scope,
          search: draft.search,
          exclude: chosenCustomers.map((customer) => customer.id),
          limit: PICKER_RESULTS,
        });
  return {
    access: draft.access,
    groups: groups.map((group) => ({ ...group, chosen: chosenGroups.has(group.id) })),
    chosenCustomers,
    search: draft.search,
    results: found ? found.options : null,
    moreResults: found?.more ?? false,
  };
}

/** A saved user's access as a draft, for the picker's first showing. */
export function draftOfAccess(access: { all: boolean; groups: { id: number }[]; customers: { id: number }[] }): CustomerAccessDraft {
  return {
    access: access.all ? "all" : "chosen",
    groupIds: access.groups.map((group) => group.id),
    customerIds: access.customers.map((customer) => customer.id),
    search: "",
  };
}
