import type { MessageKey } from "~/i18n/messages";

/**
 * The column names of each data table after its row header, as catalogue
 * keys, in order: the headers (`ColumnHeaders`) and the names a narrow
 * screen writes before each cell (below 64rem each row is a block of
 * labelled lines: app/tailwind.css, `.data-table`, from each cell's
 * `data-label`, `useColumnNames`) come from the same list, so the two never
 * differ. phones.spec.ts compares them on every page with a table.
 */
export const CELL_LABELS = {
  "customer-table": [
    "customers.col.billing",
    "customers.col.managed",
    "customers.col.groups",
    "customers.col.licenses",
    "customers.col.nextEnd",
    "customers.col.assistance",
    "customers.col.actions",
  ],
  "license-table": [
    "license.col.category",
    "license.col.type",
    "license.col.quantity",
    "license.col.usage",
    "license.col.starts",
    "license.col.ends",
    "license.col.status",
  ],
  "activity-table": ["activity.col.who", "activity.col.what", "activity.col.customer", "activity.col.before", "activity.col.after"],
  "group-table": ["groups.col.customers", "groups.col.actions"],
  "user-table": ["team.col.email", "team.col.role", "team.col.access", "team.col.status", "team.col.secondFactor", "team.col.lastSignIn"],
  "credential-table": [
    "apiCredentials.col.role",
    "apiCredentials.col.access",
    "apiCredentials.col.created",
    "apiCredentials.col.lastUsed",
    "apiCredentials.col.expires",
    "apiCredentials.col.actions",
  ],
} as const satisfies Record<string, readonly MessageKey[]>;

export type LabelledTable = keyof typeof CELL_LABELS;
