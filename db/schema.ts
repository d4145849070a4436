/**
 * The whole domain of SPEC §3 as tables.
 *
 * Conventions (STYLE.md §4): tables plural snake_case, fields camelCase in
 * TypeScript, timestamps as integer milliseconds since the epoch, booleans as
 * booleans, enums as text with the tuple defined once (in enums.ts). Every
 * column used to filter or sort has an index with a comment naming its query.
 */
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import {
  ROLES,
  USER_KINDS,
  BILLING_TYPES,
  TRIAL_STARTERS,
  DATA_GEOGRAPHIES,
  CUSTOMER_STATUSES,
  LINK_STATES,
  ASSISTANCE_REASONS,
  LICENSE_CATEGORIES,
  LICENSE_TYPES,
  APPROVAL_STATUSES,
  OUTBOX_STATUSES,
  USER_STATUSES,
  MAIL_KINDS,
  LOCALE_CODES,
  API_TOKEN_KINDS,
} from "../lib/enums";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";

// The enum tuples live in lib/enums.ts (importable by browser code and by app/); re-exported here.
export * from "../lib/enums";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

function inList(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
}

export const partners = sqliteTable("partners", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  /** Partner Flex MSP: may create monthly accounts and convert trials. */
  flexMsp: integer("flex_msp", { mode: "boolean" }).notNull().default(false),
  /** MSP Flex Connect: has managed customer orders. */
  flexConnect: integer("flex_connect", { mode: "boolean" }).notNull().default(false),
  /**
   * "Require a second factor for every user" (issue 20): a user without one
   * is sent to set it up right after the password, and can do nothing else.
   */
  requireSecondFactor: integer("require_second_factor", { mode: "boolean" }).notNull().default(false),
  createdAt: integer("created_at").notNull().default(now),
});

export const customers = sqliteTable(
  "customers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    legalName: text("legal_name").notNull(),
    /** "Name shown as"; empty means the legal name is shown. */
    displayName: text("display_name").notNull().default(""),
    /**
     * The shown name, lower-cased and without accents: the sort key for
     * "sort by name". Written by the model on every name change.
     */
    sortName: text("sort_name").notNull(),
    /**
     * Display name, legal name and contact email, lower-cased and without
     * accents: the text the trigram index (customer_search) is built on.
     */
    searchText: text("search_text").notNull(),
    billingType: text("billing_type", { enum: BILLING_TYPES }).notNull(),
    managedOrder: integer("managed_order", { mode: "boolean" }).notNull().default(false),
    trialStartedBy: text("trial_started_by", { enum: TRIAL_STARTERS }),
    dataGeography: text("data_geography", { enum: DATA_GEOGRAPHIES }).notNull(),
    status: text("status", { enum: CUSTOMER_STATUSES }).notNull().default("active"),
    linkState: text("link_state", { enum: LINK_STATES }).notNull().default("linked"),
    unlinkScheduledFor: integer("unlink_scheduled_for"),
    unlinkedAt: integer("unlinked_at"),
    partnerAssistance: integer("partner_assistance", { mode: "boolean" })
      .notNull()
      .default(false),
    partnerAssistanceReason: text("partner_assistance_reason", { enum: ASSISTANCE_REASONS }),
    partnerAssistanceSince: integer("partner_assistance_since"),
    /**
     * Earliest end date of the customer's licenses that are not revoked, kept
     * by triggers on licenses (migration 0001): the key of "sort by nearest
     * license end".
     */
    nextLicenseEndAt: integer("next_license_end_at"),
    /** Bumped by every change: optimistic concurrency for edits (F4). */
    version: integer("version").notNull().default(1),
    contactFirstName: text("contact_first_name").notNull().default(""),
    contactLastName: text("contact_last_name").notNull().default(""),
    contactEmail: text("contact_email").notNull().default(""),
    contactPhone: text("contact_phone").notNull().default(""),
    addressLine1: text("address_line1").notNull().default(""),
    addressLine2: text("address_line2").notNull().default(""),
    city: text("city").notNull().default(""),
    region: text("region").notNull().default(""),
    postalCode: text("postal_code").notNull().default(""),
    country: text("country").notNull().default(""),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    // The list: WHERE partner_id = ? AND link_state != 'unlinked' ORDER BY sort_name,
    // its count, and the pages after OFFSET. Partial on exactly the scope's
    // link_state term (scope.server.ts), so SQLite skips and counts entries in
    // the index alone instead of reading each row for its link_state
    // (docs/performance.md). The term must stay literal in both places.
    index("customers_partner_sort_name_idx")
      .on(t.partnerId, t.sortName)
      .where(sql`link_state != 'unlinked'`),
    // The list sorted by billing type, and the billing type filter
    index("customers_partner_billing_sort_name_idx")
      .on(t.partnerId, t.billingType, t.sortName)
      .where(sql`link_state != 'unlinked'`),
    // The license status filter's count: a range of earliest ends
    // (customer-list.server.ts), the billing type and Partner Assistance filters
    // checked in the index alone.
    index("customers_partner_next_end_idx")
      .on(t.partnerId, t.nextLicenseEndAt, t.billingType, t.partnerAssistance)
      .where(sql`link_state != 'unlinked'`),
    // The list sorted by nearest license end, customers with none last in both
    // directions: ORDER BY next_license_end_at IS NULL, next_license_end_at, sort_name,
    // id, all ascending or (but the first) all descending. One index for each
    // direction, the second walked backwards, so a page stops after its rows
    // instead of sorting every customer; the billing type and Partner Assistance
    // filters are checked in the index alone.
    index("customers_partner_end_order_asc_idx")
      .on(t.partnerId, sql`(${t.nextLicenseEndAt} is null)`, t.nextLicenseEndAt, t.sortName, t.id, t.billingType, t.partnerAssistance)
      .where(sql`link_state != 'unlinked'`),
    index("customers_partner_end_order_desc_idx")
      .on(t.partnerId, sql`(${t.nextLicenseEndAt} is null) desc`, t.nextLicenseEndAt, t.sortName, t.id, t.billingType, t.partnerAssistance)
      .where(sql`link_state != 'unlinked'`),
    // The Partner Assistance filter
    index("customers_partner_assistance_idx").on(t.partnerId, t.partnerAssistance),
    // The worker that completes scheduled unlinks on their day
    index("customers_unlink_scheduled_idx").on(t.linkState, t.unlinkScheduledFor),
    check("customers_display_name_length", sql`length(${t.displayName}) <= 100`),
    check("customers_version_positive", sql`${t.version} >= 1`),
    check(
      "customers_unlink_date",
      sql`(${t.linkState} = 'unlink_scheduled') = (${t.unlinkScheduledFor} is not null)`,
    ),
    check(
      "customers_assistance_reason",
      sql`(${t.partnerAssistance} = 1) = (${t.partnerAssistanceReason} is not null)`,
    ),
  ],
);

/**
 * Partner users and customer admins sign in through one form, so they share
 * one table; `kind` says which side a user is on, and the checks keep the
 * columns of the other side empty.
 */
export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Always stored lower-cased. */
    email: text("email").notNull(),
    /** "First last", written with firstName and lastName: what every page and the activity log show. */
    name: text("name").notNull(),
    firstName: text("first_name").notNull().default(""),
    lastName: text("last_name").notNull().default(""),
    /**
     * argon2id; empty for an invited user, who has no password yet (an empty
     * hash never verifies, and sign-in refuses any user who is not active).
     */
    passwordHash: text("password_hash").notNull(),
    kind: text("kind", { enum: USER_KINDS }).notNull(),
    partnerId: integer("partner_id").references(() => partners.id),
    role: text("role", { enum: ROLES }),
    /** Designated to all customers, now and future (a Super Admin always is). */
    designatedAll: integer("designated_all", { mode: "boolean" }).notNull().default(false),
    customerId: integer("customer_id").references(() => customers.id),
    /**
     * Partner users: invited (no password yet), active, or deactivated (cannot
     * sign in; every session ends at its next request). Customer admins are active.
     */
    status: text("status", { enum: USER_STATUSES }).notNull().default("active"),
    invitedByUserId: integer("invited_by_user_id").references((): AnySQLiteColumn => users.id),
    invitedAt: integer("invited_at"),
    deactivatedAt: integer("deactivated_at"),
    lastSignInAt: integer("last_sign_in_at"),
    /** The language mail is written to this user in; null until known (then the inviter's or the request's). */
    locale: text("locale", { enum: LOCALE_CODES }),
    /**
     * Set by a Super Admin's "Reset second factor": the user must set up a
     * new one at its next sign-in, before anything else.
     */
    secondFactorSetupRequired: integer("second_factor_setup_required", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [
    // Sign-in: WHERE email = ?
    uniqueIndex("users_email_idx").on(t.email),
    // The Users page: WHERE partner_id = ? AND status = ? ORDER BY name
    index("users_partner_status_name_idx").on(t.partnerId, t.status, t.name),
    index("users_partner_idx").on(t.partnerId),
    index("users_customer_idx").on(t.customerId),
    check("users_email_lowercase", sql`${t.email} = lower(${t.email})`),
    check(
      "users_kind_columns",
      sql`(${t.kind} = 'partner' and ${t.partnerId} is not null and ${t.role} is not null and ${t.customerId} is null)
       or (${t.kind} = 'customer' and ${t.customerId} is not null and ${t.partnerId} is null and ${t.role} is null)`,
    ),
    check("users_role", inList("role", ROLES)),
  ],
);

export const groups = sqliteTable(
  "groups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    name: text("name").notNull(),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [
    // Group names are unique within a partner; also the group filter's option list
    uniqueIndex("groups_partner_name_idx").on(t.partnerId, t.name),
    check("groups_name_length", sql`length(${t.name}) between 1 and 60`),
  ],
);

export const customerGroups = sqliteTable(
  "customer_groups",
  {
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.groupId] }),
    // The group filter and designation by group: WHERE group_id = ?
    index("customer_groups_group_idx").on(t.groupId, t.customerId),
  ],
);

/** An Admin, Help Desk or Read-only user's designated groups. */
export const userDesignatedGroups = sqliteTable(
  "user_designated_groups",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.groupId] })],
);

/** An Admin, Help Desk or Read-only user's designated single customers. */
export const userDesignatedCustomers = sqliteTable(
  "user_designated_customers",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.customerId] })],
);

export const licenses = sqliteTable(
  "licenses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    product: text("product").notNull(),
    category: text("category", { enum: LICENSE_CATEGORIES }).notNull(),
    type: text("type", { enum: LICENSE_TYPES }).notNull(),
    quantity: integer("quantity").notNull(),
    usage: integer("usage").notNull().default(0),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    revoked: integer("revoked", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    // The list's license column: WHERE customer_id IN (...)
    index("licenses_customer_end_idx").on(t.customerId, t.endsAt),
    // The license status filter's probe of a customer's licenses (customer-list.server.ts):
    // partial on exactly its term `revoked = 0`, so the probe reads the index alone.
    index("licenses_customer_live_end_idx")
      .on(t.customerId, t.endsAt)
      .where(sql`revoked = 0`),
    check("licenses_quantity", sql`${t.quantity} >= 0 and ${t.usage} >= 0`),
    check("licenses_dates", sql`${t.endsAt} >= ${t.startsAt}`),
    check("licenses_category", inList("category", LICENSE_CATEGORIES)),
    check("licenses_type", inList("type", LICENSE_TYPES)),
  ],
);

export const approvalRequests = sqliteTable(
  "approval_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    requestedByUserId: integer("requested_by_user_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: APPROVAL_STATUSES }).notNull().default("pending"),
    createdAt: integer("created_at").notNull().default(now),
    /** 14 days after createdAt; a pending request past it counts as expired. */
    expiresAt: integer("expires_at").notNull(),
    answeredByUserId: integer("answered_by_user_id").references(() => users.id),
    answeredAt: integer("answered_at"),
  },
  (t) => [
    // The list's Partner Assistance column: the latest request of each customer
    index("approval_requests_customer_created_idx").on(t.customerId, t.createdAt),
    // One pending request at a time per customer (F12)
    uniqueIndex("approval_requests_one_pending_idx")
      .on(t.customerId)
      .where(sql`status = 'pending'`),
    check("approval_requests_status", inList("status", APPROVAL_STATUSES)),
  ],
);

export const earlyAccessPrograms = sqliteTable("early_access_programs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  description: text("description").notNull(),
  /** Whether customers holding Flex (usage) licenses may join. */
  acceptsFlex: integer("accepts_flex", { mode: "boolean" }).notNull().default(false),
});

export const programEnrolments = sqliteTable(
  "program_enrolments",
  {
    programId: integer("program_id")
      .notNull()
      .references(() => earlyAccessPrograms.id, { onDelete: "cascade" }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    enrolledByUserId: integer("enrolled_by_user_id").references(() => users.id),
    enrolledAt: integer("enrolled_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.programId, t.customerId] })],
);

export const activities = sqliteTable(
  "activities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    customerId: integer("customer_id").references(() => customers.id),
    actorUserId: integer("actor_user_id").references(() => users.id),
    /**
     * The user a change to a user is about (issue 20: invited, deactivated,
     * ...); null for other kinds, and once that user is deleted (a cancelled
     * invitation): `before`/`after` keep the name and email.
     */
    subjectUserId: integer("subject_user_id").references((): AnySQLiteColumn => users.id, { onDelete: "set null" }),
    /**
     * The Partner API credential that made the change (issue 21), when it
     * came through the API; `actorUserId` is null then. Credentials are
     * never deleted, only marked so, and the log keeps their name.
     */
    actorCredentialId: integer("actor_credential_id").references((): AnySQLiteColumn => apiCredentials.id),
    /** What happened, e.g. "customer.rename", "customer.launch". */
    kind: text("kind").notNull(),
    /** JSON of the changed fields before and after; null when not a change. */
    before: text("before"),
    after: text("after"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [
    // The activity log page: WHERE partner_id = ? ORDER BY created_at DESC, id DESC,
    // its count, and the date range (created_at >= ? AND created_at < ?)
    index("activities_partner_created_idx").on(t.partnerId, t.createdAt),
    // The activity log filtered by customer: one seek a customer the search
    // matches, for that partner and, with a kind, that kind; the count and
    // the page read the index alone (activity-log.server.ts). Also the index
    // that deleting a customer checks its references against.
    index("activities_customer_partner_kind_created_idx").on(t.customerId, t.partnerId, t.kind, t.createdAt),
    // The activity log filtered by kind: WHERE partner_id = ? AND kind = ?
    // ORDER BY created_at DESC, and its count (docs/performance.md)
    index("activities_partner_kind_created_idx").on(t.partnerId, t.kind, t.createdAt),
    // The activity log filtered by user: WHERE partner_id = ? AND actor_user_id = ?
    // (or IS NULL: scheduled jobs) ORDER BY created_at DESC, and its count
    index("activities_partner_actor_created_idx").on(t.partnerId, t.actorUserId, t.createdAt),
    // A user's own history (the User details page): WHERE subject_user_id = ? ORDER BY created_at DESC
    index("activities_subject_created_idx").on(t.subjectUserId, t.createdAt),
  ],
);

/**
 * Changes the vendor's Salesforce account must learn (F15), written in the
 * same transaction as the change and delivered by the outbox worker.
 */
/**
 * How many entries each partner's activity log holds, kept by triggers on
 * `activities` (migration 0009): the unfiltered log's count without reading
 * every entry (docs/decisions/0031-activity-log-count.md).
 */
export const activityCounts = sqliteTable("activity_counts", {
  partnerId: integer("partner_id")
    .primaryKey()
    .references(() => partners.id),
  entries: integer("entries").notNull().default(0),
});

export const crmOutbox = sqliteTable(
  "crm_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    kind: text("kind").notNull(),
    /** JSON body for the CRM; for an account upsert, the fields to set. */
    payload: text("payload").notNull(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull().default(now),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull().default(now),
    deliveredAt: integer("delivered_at"),
  },
  (t) => [
    // The worker: WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id
    index("crm_outbox_status_next_idx").on(t.status, t.nextAttemptAt),
    // Integrations counts and "latest row of a customer"
    index("crm_outbox_customer_idx").on(t.customerId, t.id),
    check("crm_outbox_status", inList("status", OUTBOX_STATUSES)),
  ],
);

/**
 * Server-side sessions: the cookie holds only the id, and this table only the
 * id's SHA-256 (hex), so a copy of it opens no session (docs/decisions/0002).
 */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    data: text("data").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Idle expiry: moved forward on use, never past absoluteExpiresAt. */
    expiresAt: integer("expires_at").notNull(),
    absoluteExpiresAt: integer("absolute_expires_at").notNull(),
  },
  // The sweep of expired sessions: WHERE expires_at < ?
  (t) => [index("sessions_expires_idx").on(t.expiresAt)],
);

/**
 * Sign-in throttling (app/models/sign-in-throttles.server.ts): failures inside
 * the current window and the time until which sign-in waits, per key: an
 * account at one client address, an address across accounts, an account
 * across addresses.
 */
export const signInThrottles = sqliteTable(
  "sign_in_throttles",
  {
    key: text("key").primaryKey(),
    failures: integer("failures").notNull().default(0),
    windowStartedAt: integer("window_started_at").notNull(),
    blockedUntil: integer("blocked_until"),
  },
  // The sweep of rows whose window and wait are long over: WHERE window_started_at < ?
  (t) => [index("sign_in_throttles_window_idx").on(t.windowStartedAt)],
);

/** What a draft is of: only the monthly account's three steps so far (F7). */
export const DRAFT_KINDS = ["monthlyAccount"] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

/**
 * A form of several steps that a user has begun, kept on the server between
 * its steps so that reloads, the back button and a server restart lose
 * nothing (docs/decisions/0013-monthly-account-draft.md). `data` is JSON of
 * the steps' values, each step's only once it passed validation. The draft
 * is deleted in the transaction that creates the customer, or on "Cancel".
 */
export const drafts = sqliteTable(
  "drafts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    kind: text("kind", { enum: DRAFT_KINDS }).notNull(),
    data: text("data").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    // One open draft of each kind per user; also every read of it: WHERE user_id = ? AND kind = ?
    uniqueIndex("drafts_user_kind_idx").on(t.userId, t.kind),
    check("drafts_kind", inList("kind", DRAFT_KINDS)),
  ],
);

/**
 * Invitations of partner users (issue 20): a one-time link valid 7 days. The
 * link's token is never stored, only the SHA-256 of its secret half, and
 * only once the mail carrying it is sent (the outbox worker mints it:
 * docs/decisions/0023-users-and-second-factor.md). "Resend" revokes the open
 * invitation and writes a new one; accepting spends it.
 */
export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    invitedByUserId: integer("invited_by_user_id").references(() => users.id),
    /** The token's public half: finds the row; random, not secret. Null until the mail is sent. */
    selector: text("selector"),
    /** SHA-256 (hex) of the token's secret half, compared in constant time. */
    verifierHash: text("verifier_hash"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    /** Accepted: the user set a password. */
    spentAt: integer("spent_at"),
    /** Replaced by a resent invitation, or cancelled. */
    revokedAt: integer("revoked_at"),
  },
  (t) => [
    // Following a link: WHERE selector = ?
    uniqueIndex("invitations_selector_idx").on(t.selector),
    // The user's open invitation (resend, cancel, the Users page's expiry): WHERE user_id = ?
    index("invitations_user_idx").on(t.userId, t.createdAt),
  ],
);

/**
 * "Forgot your password?" links (issue 20): valid 30 minutes, good once,
 * stored as invitations are (selector and hash of the secret half, minted
 * when the mail is sent).
 */
export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    selector: text("selector"),
    verifierHash: text("verifier_hash"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    spentAt: integer("spent_at"),
  },
  (t) => [
    // Following a link: WHERE selector = ?
    uniqueIndex("password_resets_selector_idx").on(t.selector),
    // Spending every open link of a user when its password changes: WHERE user_id = ?
    index("password_resets_user_idx").on(t.userId),
  ],
);

/**
 * A user's TOTP second factor (RFC 6238). The secret is sealed with AES-256-GCM
 * under DATA_KEY (app/services/data-key.server.ts), bound to the user id. A
 * row without enabledAt is a set-up begun and not yet confirmed by a code.
 */
export const secondFactors = sqliteTable("second_factors", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretSealed: text("secret_sealed").notNull(),
  createdAt: integer("created_at").notNull(),
  enabledAt: integer("enabled_at"),
  /**
   * The latest 30-second time step whose code was accepted: a code of that
   * step or an earlier one is never accepted again (replay).
   */
  lastUsedStep: integer("last_used_step"),
});

/** Ten recovery codes per second factor, each good once, stored as SHA-256 (hex). */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [
    // Checking a code: WHERE user_id = ? AND code_hash = ?
    uniqueIndex("recovery_codes_user_hash_idx").on(t.userId, t.codeHash),
  ],
);

/**
 * Mail waiting to be sent (issue 20: invitations and password resets),
 * written in the same transaction as the change that causes it and sent by
 * the mail worker (app/services/mail.server.ts) with retries, like the CRM
 * outbox (decision 0008). `payload` is JSON of what the template needs; it
 * holds no token: the worker mints the link's token as it sends.
 */
export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: MAIL_KINDS }).notNull(),
    toAddress: text("to_address").notNull(),
    locale: text("locale", { enum: LOCALE_CODES }).notNull(),
    payload: text("payload").notNull(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    deliveredAt: integer("delivered_at"),
  },
  (t) => [
    // The worker: WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id
    index("mail_outbox_status_next_idx").on(t.status, t.nextAttemptAt),
    // The Integrations page's counts: WHERE partner_id = ? GROUP BY status
    index("mail_outbox_partner_status_idx").on(t.partnerId, t.status),
    check("mail_outbox_status", inList("status", OUTBOX_STATUSES)),
    check("mail_outbox_kind", inList("kind", MAIL_KINDS)),
  ],
);

/**
 * Partner API credentials (issue 21, docs/decisions/0028-partner-api.md): a
 * name, a role and customer access like a user's (the same shape as
 * users.designated_all and the two designation tables), an optional expiry.
 * The client secret is kept only as an argon2id hash. "Delete credential"
 * marks the row deleted (its tokens are deleted at once): the activity log
 * keeps naming it.
 */
export const apiCredentials = sqliteTable(
  "api_credentials",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    name: text("name").notNull(),
    /** Public: what the client sends as client_id. */
    clientId: text("client_id").notNull(),
    secretHash: text("secret_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    designatedAll: integer("designated_all", { mode: "boolean" }).notNull().default(false),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    createdAt: integer("created_at").notNull(),
    /** The first moment it no longer works (the day after its expiry date, UTC); null: never. */
    expiresAt: integer("expires_at"),
    lastUsedAt: integer("last_used_at"),
    deletedAt: integer("deleted_at"),
  },
  (t) => [
    // The token endpoint: WHERE client_id = ?
    uniqueIndex("api_credentials_client_id_idx").on(t.clientId),
    // The API credentials page: WHERE partner_id = ? AND deleted_at IS NULL ORDER BY created_at
    index("api_credentials_partner_idx").on(t.partnerId, t.deletedAt, t.createdAt),
    check("api_credentials_role", inList("role", ROLES)),
  ],
);

/** A credential's designated groups (as user_designated_groups). */
export const apiCredentialGroups = sqliteTable(
  "api_credential_groups",
  {
    credentialId: integer("credential_id")
      .notNull()
      .references(() => apiCredentials.id, { onDelete: "cascade" }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.credentialId, t.groupId] })],
);

/** A credential's designated single customers (as user_designated_customers). */
export const apiCredentialCustomers = sqliteTable(
  "api_credential_customers",
  {
    credentialId: integer("credential_id")
      .notNull()
      .references(() => apiCredentials.id, { onDelete: "cascade" }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.credentialId, t.customerId] })],
);

/**
 * Access and refresh tokens: `selector.verifier`, the selector stored as it
 * is, the 256-bit verifier only as its SHA-256 (app/utils/tokens.server.ts).
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    credentialId: integer("credential_id")
      .notNull()
      .references(() => apiCredentials.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: API_TOKEN_KINDS }).notNull(),
    selector: text("selector").notNull(),
    verifierHash: text("verifier_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [
    // Every API call: WHERE selector = ?
    uniqueIndex("api_tokens_selector_idx").on(t.selector),
    // Deleting a credential's tokens, and its expired ones when it gets new ones: WHERE credential_id = ?
    index("api_tokens_credential_idx").on(t.credentialId),
    check("api_tokens_kind", inList("kind", API_TOKEN_KINDS)),
  ],
);

/**
 * The rate limit's counters (docs/decisions/0029-api-tokens-and-rate-limit.md):
 * one row per credential, the requests counted in the current minute. In
 * SQLite, so every worker of the cluster counts on the same row.
 */
export const apiRateLimits = sqliteTable("api_rate_limits", {
  credentialId: integer("credential_id")
    .primaryKey()
    .references(() => apiCredentials.id, { onDelete: "cascade" }),
  windowStartedAt: integer("window_started_at").notNull(),
  requests: integer("requests").notNull(),
});
