/** Lower-cased, without accents or other combining marks: "Équipo" → "equipo". */
export function foldText(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The name a customer is shown by: its display name, else its legal name. */
export function shownName(customer: { displayName: string; legalName: string }): string {
  return customer.displayName.trim() !== "" ? customer.displayName : customer.legalName;
}

/** The key "sort by name" orders by. */
export function customerSortName(customer: { displayName: string; legalName: string }): string {
  return foldText(shownName(customer));
}

/** The text search runs on: both names and the contact email, folded. */
export function customerSearchText(customer: {
  displayName: string;
  legalName: string;
  contactEmail: string;
}): string {
  return foldText([customer.displayName, customer.legalName, customer.contactEmail].join(" \u2022 "));
}
