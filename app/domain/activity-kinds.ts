/**
 * The activity log's catalogue (F16): every kind of activity the app records,
 * in one place, with the message that describes it, the area it belongs to
 * (the "Kind" filter groups them), and how the before and after of a change
 * are read. Pure and isomorphic: the page, the CSV export and the query
 * parser all read it.
 *
 * A kind written by code that is not listed here still shows (as its raw
 * name) and never breaks the page; add it here to give it words and make it
 * a choice of the "Kind" filter.
 */
import type { MessageKey } from "~/i18n/messages";
import { formatDate, formatNumber, type I18n } from "~/i18n/translate";

export const ACTIVITY_AREAS = ["customer", "group", "assistance", "user"] as const;
export type ActivityArea = (typeof ACTIVITY_AREAS)[number];

type KindEntry = { kind: string; area: ActivityArea; label: MessageKey };

/** In the order the "Kind" filter offers them, area by area. */
export const ACTIVITY_KINDS = [
  { kind: "customer.rename", area: "customer", label: "activity.kind.customer.rename" },
  { kind: "customer.group.add", area: "customer", label: "activity.kind.customer.group.add" },
  { kind: "customer.group.remove", area: "customer", label: "activity.kind.customer.group.remove" },
  { kind: "customer.program.join", area: "customer", label: "activity.kind.customer.program.join" },
  { kind: "customer.program.leave", area: "customer", label: "activity.kind.customer.program.leave" },
  { kind: "customer.trialStarted", area: "customer", label: "activity.kind.customer.trialStarted" },
  { kind: "customer.monthlyCreated", area: "customer", label: "activity.kind.customer.monthlyCreated" },
  { kind: "customer.billingConverted", area: "customer", label: "activity.kind.customer.billingConverted" },
  { kind: "customer.unlinked", area: "customer", label: "activity.kind.customer.unlinked" },
  { kind: "customer.unlinkScheduled", area: "customer", label: "activity.kind.customer.unlinkScheduled" },
  { kind: "customer.unlinkCancelled", area: "customer", label: "activity.kind.customer.unlinkCancelled" },
  { kind: "customer.unlinkCompleted", area: "customer", label: "activity.kind.customer.unlinkCompleted" },
  { kind: "customer.launch", area: "customer", label: "activity.kind.customer.launch" },
  { kind: "group.create", area: "group", label: "activity.kind.group.create" },
  { kind: "group.rename", area: "group", label: "activity.kind.group.rename" },
  { kind: "group.delete", area: "group", label: "activity.kind.group.delete" },
  { kind: "approval.requested", area: "assistance", label: "activity.kind.approval.requested" },
  { kind: "approval.approved", area: "assistance", label: "activity.kind.approval.approved" },
  { kind: "approval.refused", area: "assistance", label: "activity.kind.approval.refused" },
  { kind: "assistance.on", area: "assistance", label: "activity.kind.assistance.on" },
  { kind: "assistance.off", area: "assistance", label: "activity.kind.assistance.off" },
  // Your team (issue 20): `subject_user_id` and before/after's "user" say to whom.
  { kind: "user.invited", area: "user", label: "activity.kind.user.invited" },
  { kind: "user.invitationResent", area: "user", label: "activity.kind.user.invitationResent" },
  { kind: "user.invitationCancelled", area: "user", label: "activity.kind.user.invitationCancelled" },
  { kind: "user.invitationAccepted", area: "user", label: "activity.kind.user.invitationAccepted" },
  { kind: "user.roleChanged", area: "user", label: "activity.kind.user.roleChanged" },
  { kind: "user.accessChanged", area: "user", label: "activity.kind.user.accessChanged" },
  { kind: "user.deactivated", area: "user", label: "activity.kind.user.deactivated" },
  { kind: "user.reactivated", area: "user", label: "activity.kind.user.reactivated" },
  { kind: "user.passwordChanged", area: "user", label: "activity.kind.user.passwordChanged" },
  { kind: "user.passwordReset", area: "user", label: "activity.kind.user.passwordReset" },
  { kind: "user.secondFactorOn", area: "user", label: "activity.kind.user.secondFactorOn" },
  { kind: "user.secondFactorOff", area: "user", label: "activity.kind.user.secondFactorOff" },
  { kind: "user.secondFactorReset", area: "user", label: "activity.kind.user.secondFactorReset" },
  { kind: "partner.secondFactorRequirement", area: "user", label: "activity.kind.partner.secondFactorRequirement" },
  // Partner API credentials (issue 21)
  { kind: "apiCredential.created", area: "user", label: "activity.kind.apiCredential.created" },
  { kind: "apiCredential.deleted", area: "user", label: "activity.kind.apiCredential.deleted" },
] as const satisfies readonly KindEntry[];

export type ActivityKind = (typeof ACTIVITY_KINDS)[number]["kind"];

const byKind = new Map<string, KindEntry>(ACTIVITY_KINDS.map((entry) => [entry.kind, entry]));

export function isActivityKind(value: unknown): value is ActivityKind {
  return typeof value === "string" && byKind.has(value);
}

/** The message describing a kind ("Name changed"), or null for a kind the catalogue does not know. */
export function activityKindLabel(kind: string): MessageKey | null {
  return byKind.get(kind)?.label ?? null;
}

/**
 * Words for the fields a change records in `before` and `after`, and for
 * the values of fields that hold a code. A field not listed shows its own
 * name, a value not listed shows as it is. (A Map, not an object: a field
 * recorded as "constructor" must not find Object's.)
 */
type FieldEntry = {
  label: MessageKey;
  /** Words for coded values. */
  values?: ReadonlyMap<string, MessageKey>;
  /** What an empty value means, when it means more than "empty". */
  empty?: MessageKey;
  /** A time (milliseconds since the epoch), shown as a date in the user's locale. */
  date?: boolean;
};

const codes = (prefix: string, values: readonly string[]) =>
  new Map<string, MessageKey>(values.map((value) => [value, `${prefix}${value}` as MessageKey]));

const ACTIVITY_FIELDS = new Map<string, FieldEntry>([
  // An empty "Name shown as" means the legal name is shown.
  ["displayName", { label: "activity.field.displayName", empty: "activity.value.legalNameShown" }],
  ["legalName", { label: "activity.field.legalName" }],
  ["group", { label: "activity.field.group" }],
  ["program", { label: "activity.field.program" }],
  [
    "billingType",
    {
      label: "activity.field.billingType",
      values: new Map<string, MessageKey>([
        ["trial", "billing.trial"],
        ["usage", "billing.usage"],
        ["term", "billing.term"],
      ]),
    },
  ],
  [
    "partnerAssistance",
    {
      label: "activity.field.partnerAssistance",
      values: new Map<string, MessageKey>([
        ["true", "assistance.on"],
        ["false", "assistance.off"],
      ]),
    },
  ],
  ["unlinkScheduledFor", { label: "activity.field.unlinkScheduledFor", date: true }],
  ["unlinkedAt", { label: "activity.field.unlinkedAt", date: true }],
  ["linkState", { label: "activity.field.linkState", values: codes("activity.value.linkState.", ["linked", "unlink_scheduled", "unlinked"]) }],
  [
    "partnerAssistanceReason",
    {
      label: "activity.field.partnerAssistanceReason",
      values: codes("details.assistanceReason.", ["partner_trial", "monthly", "managed_order", "customer"]),
    },
  ],
  ["trialStartedBy", { label: "activity.field.trialStartedBy", values: codes("activity.value.trialStartedBy.", ["partner", "customer"]) }],
  ["trialsEnded", { label: "activity.field.trialsEnded" }],
  ["monthlyLicenses", { label: "activity.field.monthlyLicenses" }],
  ["products", { label: "activity.field.products" }],
  ["dataGeography", { label: "details.geography", values: codes("geography.", ["US", "IE", "DE", "CA", "AU", "JP"]) }],
  ["country", { label: "activity.field.country" }],
  ["contactFirstName", { label: "activity.field.contactFirstName" }],
  ["contactLastName", { label: "activity.field.contactLastName" }],
  ["contactEmail", { label: "activity.field.contactEmail" }],
  ["contactPhone", { label: "activity.field.contactPhone" }],
  ["customers", { label: "activity.field.customers" }],
  [
    "status",
    {
      label: "activity.field.status",
      values: new Map<string, MessageKey>([
        ["active", "users.status.active"],
        ["deactivated", "users.status.deactivated"],
      ]),
    },
  ],
  ["user", { label: "activity.field.user" }],
  ["role", { label: "activity.field.role", values: codes("role.", ["super_admin", "admin", "help_desk", "read_only"]) }],
  ["customerAccess", { label: "activity.field.customerAccess", values: codes("activity.value.customerAccess.", ["all", "chosen"]) }],
  ["groups", { label: "activity.field.groups" }],
  ["requireSecondFactor", { label: "activity.field.requireSecondFactor" }],
  ["credential", { label: "activity.field.credential" }],
  ["expiresAt", { label: "activity.field.expiresAt", date: true }],
]);

/** The message naming a recorded field ("Name shown as"), or null: then the field shows its own name. */
export function activityFieldLabel(field: string): MessageKey | null {
  return ACTIVITY_FIELDS.get(field)?.label ?? null;
}

/** The message for a coded value of a field ("usage" of billingType: "Monthly"), or null. */
export function activityValueLabel(field: string, value: ChangeValue): MessageKey | null {
  if (typeof value !== "string" && typeof value !== "boolean") return null;
  return ACTIVITY_FIELDS.get(field)?.values?.get(String(value)) ?? null;
}

/** One recorded value, made flat: what a cell or a CSV field can show. */
export type ChangeValue = string | number | boolean | null;
export type ChangeEntry = { field: string; value: ChangeValue };

/**
 * The fields of a stored `before` or `after` (JSON of a small object, e.g.
 * {"displayName":"Globex"}), in their recorded order; null when nothing was
 * recorded. Never throws: text that is not a JSON object is shown whole as
 * one entry with no field name, a nested value as compact JSON.
 */
export function readChanges(stored: string | null): ChangeEntry[] | null {
  if (stored === null || stored === "") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return [{ field: "", value: stored }];
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return [{ field: "", value: flatValue(parsed) }];
  }
  return Object.entries(parsed).map(([field, value]) => ({ field, value: flatValue(value) }));
}

function flatValue(value: unknown): ChangeValue {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return value;
  }
  if (Array.isArray(value) && value.every((item) => typeof item === "string" || typeof item === "number")) {
    return value.join(", ");
  }
  return JSON.stringify(value) ?? null;
}

/** Who did it: a partner user, a customer admin, a scheduled job (no user), or a user no longer known. */
export type ActivityActor =
  | { kind: "partnerUser"; name: string }
  | { kind: "customerAdmin"; name: string }
  /** A Partner API credential, by its name (issue 21). */
  | { kind: "apiCredential"; name: string }
  | { kind: "scheduled" }
  | { kind: "unknown" };

/*
 * The words for an entry, the same on the page and in the CSV export.
 */

/** "Name changed"; a kind the catalogue does not know shows as recorded ("customer.merge"). */
export function describeKind(t: I18n, kind: string): string {
  const label = activityKindLabel(kind);
  return label ? t(label) : kind;
}

/** "Nadia Super", "Customer admin (Wile Coyote)", "Scheduled job". */
export function describeActor(t: I18n, actor: ActivityActor): string {
  switch (actor.kind) {
    case "partnerUser":
      return actor.name.trim() !== "" ? actor.name : t("activity.who.unknown");
    case "customerAdmin":
      return actor.name.trim() !== ""
        ? t("activity.who.customerAdmin", { name: actor.name })
        : t("activity.who.customerAdminUnnamed");
    case "apiCredential":
      return t("activity.who.apiCredential", { name: actor.name });
    case "scheduled":
      return t("activity.who.scheduled");
    case "unknown":
      return t("activity.who.unknown");
  }
}

/** A recorded field's name: "Name shown as", or the field as recorded. */
export function describeField(t: I18n, field: string): string {
  const label = activityFieldLabel(field);
  return label ? t(label) : field;
}

/** A recorded value: its words when coded ("Monthly", "On"), numbers for the locale, "(empty)" for nothing. */
export function describeValue(t: I18n, field: string, value: ChangeValue): string {
  const label = activityValueLabel(field, value);
  if (label) return t(label);
  if (value === null || value === "") return t(ACTIVITY_FIELDS.get(field)?.empty ?? "activity.value.empty");
  if (typeof value === "number" && ACTIVITY_FIELDS.get(field)?.date && Math.abs(value) <= 8.64e15) {
    return formatDate(t.locale, value);
  }
  if (typeof value === "number") return formatNumber(t.locale, value);
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  return value;
}

/** One "field: value" line ("Name shown as: Globex"); a value recorded without a field alone. */
export function describeChange(t: I18n, entry: ChangeEntry): string {
  const value = describeValue(t, entry.field, entry.value);
  return entry.field === "" ? value : `${describeField(t, entry.field)}: ${value}`;
}
