/**
 * The product catalogue (F7), kept in one place: what a partner can start a
 * trial of, or bill monthly, each with its license category. The forms list
 * it, the schemas (schemas/new-customer.ts) accept only its ids, and the
 * models write its names and categories onto the new licenses.
 *
 * Product names are the vendor's trade names: like the names of licenses
 * already held (db/seed.ts), they read the same in every language; their
 * license category is translated (`category.<Category>`).
 */
import type { LicenseCategory } from "../../lib/enums";
import { DAY_MS } from "./license-status";

export type Product = {
  /** What a form sends: short, stable, never shown. */
  id: string;
  name: string;
  category: LicenseCategory;
  /** Offered for monthly (Flex, usage-billed) accounts. Every product can be trialled. */
  monthly: boolean;
};

export const PRODUCTS = [
  { id: "endpoint", name: "Endpoint Protection", category: "Endpoint", monthly: true },
  { id: "uem", name: "Unified Endpoint Management", category: "Mobile", monthly: true },
  { id: "server", name: "Server Protection", category: "Server", monthly: true },
  { id: "email", name: "Email Protection", category: "Email", monthly: false },
  { id: "mobile", name: "Mobile", category: "Mobile", monthly: false },
  { id: "encryption", name: "Encryption", category: "Encryption", monthly: false },
] as const satisfies readonly Product[];

export type ProductId = (typeof PRODUCTS)[number]["id"];

/** Every product, in catalogue order: the "Products" of Start trial. */
export const TRIAL_PRODUCTS: readonly Product[] = PRODUCTS;

/** The products a monthly account can hold: the "Licenses" step of Create monthly account. */
export const MONTHLY_PRODUCTS: readonly Product[] = PRODUCTS.filter((product) => product.monthly);

/** The product of an id, or undefined for an id the catalogue does not have. */
export function productById(id: string): Product | undefined {
  return PRODUCTS.find((product) => product.id === id);
}

/**
 * The given ids in catalogue order, each once. Ids the catalogue does not
 * have are dropped (the schemas refuse them before anything is written).
 */
export function productsInOrder(ids: readonly string[]): Product[] {
  const wanted = new Set(ids);
  return PRODUCTS.filter((product) => wanted.has(product.id));
}

/** A trial lasts this long from the moment it starts (SPEC F7). */
export const TRIAL_DAYS = 30;
/**
 * Seats on each trial license: enough to try a product on a small office's
 * devices. The vendor raises it on request; partners do not choose it here.
 */
export const TRIAL_SEATS = 10;
/**
 * A monthly (usage) license has no seat count: the partner is charged for
 * what is installed, counted as `usage` from 0. Its end date is the yearly
 * renewal of the Flex agreement, one year after it starts.
 */
export const MONTHLY_LICENSE_DAYS = 365;

/** The dates of a new trial license starting now. */
export function trialLicenseDates(now: number): { startsAt: number; endsAt: number } {
  return { startsAt: now, endsAt: now + TRIAL_DAYS * DAY_MS };
}

/** The dates of a new monthly license starting now. */
export function monthlyLicenseDates(now: number): { startsAt: number; endsAt: number } {
  return { startsAt: now, endsAt: now + MONTHLY_LICENSE_DAYS * DAY_MS };
}
