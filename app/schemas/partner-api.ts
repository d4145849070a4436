/**
 * `POST /partner/v1/tenants` (issue 21): the vendor's tenant body turned
 * into exactly the fields of the console's own forms, then judged by the
 * console's own schemas (schemas/new-customer.ts), so a tenant made through
 * the API meets every rule a tenant made in the console meets. Anything a
 * client can send, however odd, is a problem naming the field, never a 500.
 */
import type { z } from "zod";
import { MONTHLY_PRODUCTS, TRIAL_PRODUCTS } from "~/domain/products";
import type { Translate } from "~/i18n/translate";
import { monthlyLicensesSchema, newCustomerSchema, startTrialSchema, type NewCustomerValues } from "./new-customer";

/** The console's field, and where the API's body holds it. */
const API_FIELD: Record<string, string> = {
  companyName: "name",
  country: "contact.address.countryCode",
  dataGeography: "dataGeography",
  firstName: "contact.firstName",
  lastName: "contact.lastName",
  email: "contact.email",
  phone: "contact.phone",
  products: "products",
};

export type TenantProblem = { field: string; message: string };

export type NewTenant = {
  billingType: "trial" | "usage";
  values: NewCustomerValues;
  productIds: string[];
};

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Own properties only: a body's "__proto__" or "constructor" is just a key. */
function field(from: Record<string, unknown>, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(from, name) ? from[name] : undefined;
}

function problemsOf(error: z.ZodError): TenantProblem[] {
  return error.issues.map((issue) => ({
    field: API_FIELD[String(issue.path[0])] ?? String(issue.path[0] ?? "body"),
    message: issue.message,
  }));
}

/**
 * Reads a new tenant: `name`, `showAs` (optional; a new tenant is shown by
 * its name, as in the console), `dataGeography`, `billingType` ("trial" or
 * "usage"), `contact` (firstName, lastName, email, phone, `address` with
 * `countryCode`) and optionally `products` ([{ code }], every product that
 * the billing type offers when absent).
 */
export function readNewTenant(body: unknown, t: Translate): { ok: true; tenant: NewTenant } | { ok: false; problems: TenantProblem[] } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, problems: [{ field: "body", message: "The body must be a JSON object." }] };
  }
  const root = body as Record<string, unknown>;
  const billingType = field(root, "billingType");
  if (billingType !== "trial" && billingType !== "usage") {
    return { ok: false, problems: [{ field: "billingType", message: "billingType must be trial or usage." }] };
  }
  const showAs = field(root, "showAs");
  const name = field(root, "name");
  if (showAs !== undefined && showAs !== null && showAs !== name) {
    return {
      ok: false,
      problems: [{ field: "showAs", message: "A new tenant is shown by its name: leave showAs out, or make it the name." }],
    };
  }
  const contact = objectOf(field(root, "contact"));
  const address = objectOf(field(contact, "address"));
  const offered = billingType === "trial" ? TRIAL_PRODUCTS : MONTHLY_PRODUCTS;
  const rawProducts = field(root, "products");
  const products =
    rawProducts === undefined
      ? offered.map((product) => product.id)
      : Array.isArray(rawProducts)
        ? rawProducts.map((entry) => field(objectOf(entry), "code"))
        : rawProducts;
  const form = {
    companyName: name,
    country: field(address, "countryCode"),
    dataGeography: field(root, "dataGeography"),
    firstName: field(contact, "firstName"),
    lastName: field(contact, "lastName"),
    email: field(contact, "email"),
    phone: field(contact, "phone") ?? undefined,
  };
  if (billingType === "trial") {
    const parsed = startTrialSchema(t).safeParse({ ...form, products });
    if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
    const { products: productIds, ...values } = parsed.data;
    return { ok: true, tenant: { billingType, values, productIds } };
  }
  const customer = newCustomerSchema(t).safeParse(form);
  const licenses = monthlyLicensesSchema(t).safeParse({ products });
  const problems = [
    ...(customer.success ? [] : problemsOf(customer.error)),
    ...(licenses.success ? [] : problemsOf(licenses.error)),
  ];
  if (!customer.success || !licenses.success) return { ok: false, problems };
  return { ok: true, tenant: { billingType, values: customer.data, productIds: licenses.data.products } };
}
