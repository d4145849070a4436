/**
 * The enum tuples of the schema (STYLE.md §4: each defined once), in a module
 * with no imports, below both app/ and db/ (docs/decisions/0011): db/schema.ts
 * builds its columns from them, and app/ (browser code included) reads them
 * here. Importing them from schema.ts would bundle drizzle-orm and every table
 * into the page's JavaScript.
 */
export const ROLES = ["super_admin", "admin", "help_desk", "read_only"] as const;
export type Role = (typeof ROLES)[number];

export const USER_KINDS = ["partner", "customer"] as const;
export const BILLING_TYPES = ["trial", "term", "usage"] as const;
export type BillingType = (typeof BILLING_TYPES)[number];
export const TRIAL_STARTERS = ["partner", "customer"] as const;
export const DATA_GEOGRAPHIES = ["US", "IE", "DE", "CA", "AU", "JP"] as const;
export const CUSTOMER_STATUSES = ["active", "inactive"] as const;
export const LINK_STATES = ["linked", "unlink_scheduled", "unlinked"] as const;
export const ASSISTANCE_REASONS = [
  "partner_trial",
  "monthly",
  "managed_order",
  "customer",
] as const;
export const LICENSE_CATEGORIES = [
  "Endpoint",
  "Server",
  "Email",
  "Firewall",
  "Mobile",
  "Encryption",
  "Wireless",
  "ZTNA",
  "MDR",
  "Cloud",
] as const;
export type LicenseCategory = (typeof LICENSE_CATEGORIES)[number];
export const LICENSE_TYPES = ["trial", "term", "usage"] as const;
export type LicenseType = (typeof LICENSE_TYPES)[number];
export const APPROVAL_STATUSES = ["pending", "approved", "refused", "expired"] as const;
/** superseded: a newer rename of the same customer was delivered in its place. */
export const OUTBOX_STATUSES = ["pending", "delivered", "failed", "superseded"] as const;
/**
 * A partner user's state (issue 20): invited (has not set a password yet),
 * active, or deactivated (cannot sign in; its activity stays).
 */
export const USER_STATUSES = ["invited", "active", "deactivated"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
/** What a queued mail is (app/models/mail-outbox.server.ts). */
export const MAIL_KINDS = ["invitation", "passwordReset"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
/** The languages a user can be written to in (app/i18n/locales.ts has the same two). */
export const LOCALE_CODES = ["en", "es"] as const;
/** A Partner API token (issue 21): an access token (an hour) or the refresh token that renews it. */
export const API_TOKEN_KINDS = ["access", "refresh"] as const;
export type ApiTokenKind = (typeof API_TOKEN_KINDS)[number];
