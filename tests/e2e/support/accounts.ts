/**
 * The demo accounts of SPEC §2 (the contract the seed in db/seed.ts keeps).
 * Every one signs in with the same password.
 */
export const DEMO_PASSWORD = "demo-pass-2026";

export type PartnerAccount = {
  kind: "partner";
  email: string;
  name: string;
  role: "Super Admin" | "Admin" | "Help Desk" | "Read-only";
  partner: "Northwind Security" | "Contoso IT";
};

export type CustomerAccount = {
  kind: "customer";
  email: string;
  name: string;
  customer: string;
};

export const superAdmin: PartnerAccount = {
  kind: "partner",
  email: "super@northwind.test",
  name: "Nadia Super",
  role: "Super Admin",
  partner: "Northwind Security",
};
export const admin: PartnerAccount = {
  kind: "partner",
  email: "admin@northwind.test",
  name: "Adam Admin",
  role: "Admin",
  partner: "Northwind Security",
};
export const helpDesk: PartnerAccount = {
  kind: "partner",
  email: "helpdesk@northwind.test",
  name: "Hana Helpdesk",
  role: "Help Desk",
  partner: "Northwind Security",
};
export const readOnly: PartnerAccount = {
  kind: "partner",
  email: "readonly@northwind.test",
  name: "Rui Readonly",
  role: "Read-only",
  partner: "Northwind Security",
};
export const contosoSuperAdmin: PartnerAccount = {
  kind: "partner",
  email: "super@contoso.test",
  name: "Carla Contoso",
  role: "Super Admin",
  partner: "Contoso IT",
};
export const acmeAdmin: CustomerAccount = {
  kind: "customer",
  email: "admin@acme.test",
  name: "Wile Coyote",
  customer: "Acme Corp",
};
export const vandelayAdmin: CustomerAccount = {
  kind: "customer",
  email: "admin@vandelay.test",
  name: "Art Vandelay",
  customer: "Vandelay Industries",
};

export const northwindUsers = [superAdmin, admin, helpDesk, readOnly];
export const partnerAccounts = [...northwindUsers, contosoSuperAdmin];
export const customerAccounts = [acmeAdmin, vandelayAdmin];

/** Northwind's named customers (SPEC §2), as the list shows them. */
export const NAMED_CUSTOMERS = [
  "Acme Corp",
  "Vandelay Industries",
  "Hooli",
  "Globex",
  "Initech",
  "Umbrella Health",
  "Stark Retail",
  "Wayne Logistics",
  "Soylent Foods",
  "Équipo Médico Andaluz",
] as const;

/** Contoso's customer that no Northwind user may ever see. */
export const CONTOSO_ONLY_CUSTOMER = "Tyrell Systems";
