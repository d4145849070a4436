/**
 * The customer-access picker's fields (issue 20: "Add user", "User details";
 * issue 21: API credentials), read from a form or an address. The picker
 * works without JavaScript on a partner with 20,000 customers: its "Search",
 * "Add" and "Remove" buttons send the whole form as a GET to the page's own
 * address, so the choice so far travels in the address and nothing typed is
 * lost (docs/decisions/0026-customer-access-picker.md). Read leniently: an
 * address can be edited, so a value that means nothing is left out.
 */

/** The form's field names, one place for the component, the page and the tests. */
export const ACCESS_FIELDS = {
  access: "access",
  groupIds: "groupIds",
  /** Hidden inputs, one per chosen customer. */
  customerIds: "customerIds",
  /** An "Add" button: the id of the customer to add to the choice. */
  addCustomer: "addCustomer",
  /** A "Remove" button: the id of the customer to take out of the choice. */
  removeCustomer: "removeCustomer",
  search: "customerSearch",
  /** Set by the picker's buttons: the address holds a choice being made (not yet saved). */
  draft: "draft",
} as const;

/** At most this many groups or customers are read from one form (as the user schemas). */
export const MAX_CHOSEN = 1000;
/** A longer search is cut. */
export const CUSTOMER_SEARCH_MAX = 100;

const ID = /^[1-9]\d{0,15}$/;

/** An address's parameters or a form's fields (a file sent in a field is no value here). */
type Values = { get(name: string): unknown; getAll(name: string): unknown[] };

function ids(values: Values, name: string): number[] {
  const seen = new Set<number>();
  for (const raw of values.getAll(name).slice(0, MAX_CHOSEN)) {
    if (typeof raw !== "string") continue;
    const value = raw.trim();
    if (!ID.test(value)) continue;
    const id = Number(value);
    if (Number.isSafeInteger(id)) seen.add(id);
  }
  return [...seen];
}

function text(values: Values, name: string): string {
  const raw = values.get(name);
  return typeof raw === "string" ? raw : "";
}

export type CustomerAccessDraft = {
  /** "All customers, now and in the future", "Chosen groups and customers", or not chosen yet. */
  access: "all" | "chosen" | null;
  groupIds: number[];
  customerIds: number[];
  /** What was typed in the customer search, trimmed. */
  search: string;
};

/**
 * The choice a form or an address holds: its groups and customers (each id
 * once; a "Remove" button's customer taken out), the search typed, and the
 * access chosen. Adding a customer means "Chosen groups and customers" even
 * when that option was not ticked first.
 */
export function readCustomerAccessDraft(values: Values): CustomerAccessDraft {
  const removed = ids(values, ACCESS_FIELDS.removeCustomer);
  const added = ids(values, ACCESS_FIELDS.addCustomer);
  const customerIds = [...new Set([...ids(values, ACCESS_FIELDS.customerIds), ...added])]
    .filter((id) => !removed.includes(id))
    .slice(0, MAX_CHOSEN);
  const groupIds = ids(values, ACCESS_FIELDS.groupIds);
  const access = text(values, ACCESS_FIELDS.access);
  return {
    // "Add" says which option is meant, whatever was ticked before.
    access: added.length > 0 || access === "chosen" ? "chosen" : access === "all" ? "all" : null,
    groupIds,
    customerIds,
    search: text(values, ACCESS_FIELDS.search).trim().slice(0, CUSTOMER_SEARCH_MAX),
  };
}

/** Whether an address holds a choice being made with the picker's buttons. */
export function isCustomerAccessDraft(values: Values): boolean {
  return values.get(ACCESS_FIELDS.draft) !== null;
}

/** What the picker shows (services/customer-access-picker.server.ts reads it, the component renders it). */
export type CustomerAccessPickerData = {
  access: "all" | "chosen" | null;
  groups: { id: number; name: string; chosen: boolean }[];
  chosenCustomers: { id: number; name: string }[];
  search: string;
  /** The search's matches not chosen yet; null when nothing was searched. */
  results: { id: number; name: string }[] | null;
  /** More customers match than are shown. */
  moreResults: boolean;
};
