/**
 * The forms that create a customer (F7): "Start trial", and the three steps
 * of "Create monthly account". Validated on the server only (forms are
 * noValidate), so every browser shows the same messages; every value a
 * browser can send, however odd, is a message at a field, never a 500.
 */
import { z } from "zod";
import { DATA_GEOGRAPHIES } from "../../lib/enums";
import { firstCharacters } from "../../lib/text";
import { MONTHLY_PRODUCTS, TRIAL_PRODUCTS, productsInOrder, type Product } from "~/domain/products";
import type { Translate } from "~/i18n/translate";
import { nameField } from "./name-field";

export const COMPANY_NAME_MAX = 100;
export const PERSON_NAME_MAX = 100;
/** The longest address SMTP allows (RFC 5321 with its errata). */
export const EMAIL_MAX = 254;
export const PHONE_MAX = 40;

/**
 * The countries a customer can be in, by ISO 3166-1 alpha-2 code; each has
 * its name in the catalogue as `lifecycle.country.<code>`. The pages list
 * them in the order of their names in the page's language.
 */
export const COUNTRY_CODES = [
  "AE", "AR", "AT", "AU", "BE", "BR", "CA", "CH", "CL", "CO", "CZ", "DE",
  "DK", "ES", "FI", "FR", "GB", "IE", "IN", "IT", "JP", "KR", "MX", "NL",
  "NO", "NZ", "PL", "PT", "SE", "SG", "US", "ZA",
] as const;
export type CountryCode = (typeof COUNTRY_CODES)[number];

const emailFormat = z.email();
/** Digits, spaces, + - ( ), and at least one digit (two tests, each linear in the text). */
const PHONE_CHARACTERS = /^[\d\s+\-()]*$/u;
const isPhoneNumber = (value: string) => PHONE_CHARACTERS.test(value) && /\d/u.test(value);

/** The company and contact fields: all of "Start trial" but the products; step 1 of a monthly account. */
function customerShape(t: Translate) {
  return {
    companyName: nameField(
      {
        required: t("lifecycle.companyName.required"),
        invisible: t("lifecycle.companyName.invisible"),
        tooLong: t("lifecycle.companyName.tooLong", { max: COMPANY_NAME_MAX }),
      },
      COMPANY_NAME_MAX,
    ),
    country: z.enum(COUNTRY_CODES, { error: t("lifecycle.country.required") }),
    dataGeography: z.enum(DATA_GEOGRAPHIES, { error: t("lifecycle.geography.required") }),
    firstName: nameField(
      {
        required: t("lifecycle.firstName.required"),
        invisible: t("lifecycle.firstName.invisible"),
        tooLong: t("lifecycle.firstName.tooLong", { max: PERSON_NAME_MAX }),
      },
      PERSON_NAME_MAX,
    ),
    lastName: nameField(
      {
        required: t("lifecycle.lastName.required"),
        invisible: t("lifecycle.lastName.invisible"),
        tooLong: t("lifecycle.lastName.tooLong", { max: PERSON_NAME_MAX }),
      },
      PERSON_NAME_MAX,
    ),
    email: z
      .string({ error: t("lifecycle.email.required") })
      .transform((value) => value.trim())
      .refine((value) => value !== "", { error: t("lifecycle.email.required"), abort: true })
      .refine((value) => value.length <= EMAIL_MAX, { error: t("lifecycle.email.tooLong", { max: EMAIL_MAX }), abort: true })
      .refine((value) => emailFormat.safeParse(value).success, { error: t("lifecycle.email.invalid"), abort: true }),
    // Optional: an empty field is sent as nothing, and saved as "".
    phone: z
      .string({ error: t("lifecycle.phone.invalid") })
      .optional()
      .transform((value) => (value ?? "").trim())
      .refine((value) => !firstCharacters(value, PHONE_MAX).cut, { error: t("lifecycle.phone.tooLong", { max: PHONE_MAX }), abort: true })
      .refine((value) => value === "" || isPhoneNumber(value), { error: t("lifecycle.phone.invalid"), abort: true }),
  };
}

/**
 * A choice of products from `offered`: at least one, none from outside it.
 * The elements are `unknown` so that anything a browser sends (an empty
 * value, a nested field) is judged here, at the group, not as an error of
 * an element that no field would show. Comes out in catalogue order, each once.
 */
function productChoice(t: Translate, offered: readonly Product[]) {
  const ids = new Set(offered.map((product) => product.id));
  return z
    .array(z.unknown(), { error: t("lifecycle.products.required") })
    .refine((chosen) => chosen.length > 0, { error: t("lifecycle.products.required"), abort: true })
    .refine((chosen) => chosen.every((id) => typeof id === "string" && ids.has(id)), {
      error: t("lifecycle.products.unknown"),
      abort: true,
    })
    .transform((chosen) => productsInOrder(chosen as string[]).map((product) => product.id));
}

/** Step 1 of "Create monthly account": the customer and its contact. */
export function newCustomerSchema(t: Translate) {
  return z.object(customerShape(t));
}

/** "Start trial": the customer, its contact, and the products to try. */
export function startTrialSchema(t: Translate) {
  return z.object({ ...customerShape(t), products: productChoice(t, TRIAL_PRODUCTS) });
}

/** Step 2 of "Create monthly account": the products to bill monthly. */
export function monthlyLicensesSchema(t: Translate) {
  return z.object({ products: productChoice(t, MONTHLY_PRODUCTS) });
}

/** Step 3 of "Create monthly account": the explicit acceptance of the charges. */
export function monthlyConfirmSchema(t: Translate) {
  return z.object({ accept: z.literal("on", { error: t("lifecycle.monthly.accept.required") }) });
}

export type NewCustomerValues = z.output<ReturnType<typeof newCustomerSchema>>;
export type NewCustomerFields = z.input<ReturnType<typeof newCustomerSchema>>;
export type StartTrialFields = z.input<ReturnType<typeof startTrialSchema>>;
export type MonthlyLicensesFields = z.input<ReturnType<typeof monthlyLicensesSchema>>;
export type MonthlyConfirmFields = z.input<ReturnType<typeof monthlyConfirmSchema>>;

/** Where each step of "Create monthly account" lives. */
export const MONTHLY_STEP_PATHS = {
  customer: "/customers/monthly",
  licenses: "/customers/monthly/licenses",
  confirm: "/customers/monthly/confirm",
} as const;

export const MONTHLY_STEP_COUNT = 3;

/**
 * The buttons of the monthly steps, told apart by `intent`: "continue" (the
 * default, also what Enter in a field sends), "back" to the step before
 * keeping what was typed, "cancel" to throw the draft away.
 */
export const STEP_INTENTS = ["continue", "back", "cancel"] as const;
export type StepIntent = (typeof STEP_INTENTS)[number];

/** The intent a form sent; anything else (or nothing) is "continue". */
export function stepIntent(value: FormDataEntryValue | null): StepIntent {
  return (STEP_INTENTS as readonly unknown[]).includes(value) ? (value as StepIntent) : "continue";
}
