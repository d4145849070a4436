/**
 * The Users page's forms (issue 20): "Add user", a user's role and customer
 * access on "User details", "Your account"'s name, and the list's search and
 * filters. Validated on the server, messages at each field. Whether the
 * chosen groups and customers are the partner's, and whether an email is
 * taken, is the model's to say inside its transaction; `isEmailTaken`, when
 * the server passes it, puts the answer at the field in the same pass.
 */
import { z } from "zod";
import { ROLES, USER_STATUSES, type Role, type UserStatus } from "../../lib/enums";
import { accessForRole, type CustomerAccess } from "~/domain/user-policy";
import type { Translate } from "~/i18n/translate";
import { nameField } from "./name-field";
import { idList } from "./id-list";
import { EMAIL_MAX } from "./new-customer";

export const USER_NAME_MAX = 60;

const emailFormat = z.email();

function accessShape(t: Translate) {
  return {
    role: z.enum(ROLES, { error: t("users.role.required") }),
    /** "all" or "chosen"; not asked of a Super Admin. */
    access: z.enum(["all", "chosen"], { error: t("users.access.required") }).optional(),
    groupIds: idList,
    customerIds: idList,
  };
}

type AccessInput = { role: Role; access?: "all" | "chosen"; groupIds: number[]; customerIds: number[] };

/** The role's access, or an issue at "access" (none chosen for a role that needs one, or chosen empty). */
function toAccess<T extends AccessInput>(t: Translate) {
  return (value: T, context: z.RefinementCtx): Omit<T, "access" | "groupIds" | "customerIds"> & { customerAccess: CustomerAccess } => {
    const { access, groupIds, customerIds, ...rest } = value;
    if (value.role !== "super_admin" && !access) {
      context.addIssue({ code: "custom", path: ["access"], message: t("users.access.required") });
      return z.NEVER;
    }
    const resolved = accessForRole(value.role, access === "all" ? { all: true } : { all: false, groupIds, customerIds });
    if (!resolved.ok) {
      context.addIssue({ code: "custom", path: ["access"], message: t(resolved.problem) });
      return z.NEVER;
    }
    return { ...rest, customerAccess: resolved.access };
  };
}

function personName(t: Translate, field: "firstName" | "lastName") {
  return nameField(
    { required: t(`users.${field}.required`), invisible: t(`users.${field}.invisible`), tooLong: t(`users.${field}.tooLong`) },
    USER_NAME_MAX,
  );
}

/** "Add user": first and last name, email, role and customer access. */
export function addUserSchema(t: Translate, options: { isEmailTaken?: (email: string) => boolean } = {}) {
  return z
    .object({
      firstName: personName(t, "firstName"),
      lastName: personName(t, "lastName"),
      email: z
        .string({ error: t("users.email.required") })
        .transform((value) => value.trim().toLowerCase())
        .refine((value) => value !== "", { error: t("users.email.required"), abort: true })
        .refine((value) => value.length <= EMAIL_MAX && emailFormat.safeParse(value).success, { error: t("users.email.invalid"), abort: true })
        .refine((value) => !options.isEmailTaken?.(value), { error: t("users.email.taken"), abort: true }),
      ...accessShape(t),
    })
    .transform(toAccess(t));
}

export type AddUserFields = z.input<ReturnType<typeof addUserSchema>>;

/** "User details": the role and customer access. */
export function userAccessSchema(t: Translate) {
  return z.object(accessShape(t)).transform(toAccess(t));
}

export type UserAccessFields = z.input<ReturnType<typeof userAccessSchema>>;

/** "Your account": one's own name ("Enter your first name", not "the user's"). */
export function accountNameSchema(t: Translate) {
  const ownName = (field: "firstName" | "lastName") =>
    nameField(
      { required: t(`account.${field}.required`), invisible: t(`users.${field}.invisible`), tooLong: t(`users.${field}.tooLong`) },
      USER_NAME_MAX,
    );
  return z.object({ firstName: ownName("firstName"), lastName: ownName("lastName") });
}

export type AccountNameFields = z.input<ReturnType<typeof accountNameSchema>>;

/** The partner setting "Require a second factor for every user": a checkbox, ticked or not. */
export function secondFactorRequirementSchema() {
  return z.object({
    requireSecondFactor: z
      .string()
      .optional()
      .transform((value) => value === "on"),
  });
}

export type TeamQuery = { search: string; role?: Role; status?: UserStatus; page: number };

/**
 * The Users page's address (`?q=&role=&status=&page=`), read leniently: an
 * address can be typed or edited, so a value that means nothing is left out
 * rather than refused.
 */
export function parseTeamQuery(params: URLSearchParams): TeamQuery {
  const role = params.get("role");
  const status = params.get("status");
  const page = Number(params.get("page"));
  return {
    search: (params.get("q") ?? "").trim().slice(0, 200),
    role: (ROLES as readonly string[]).includes(role ?? "") ? (role as Role) : undefined,
    status: (USER_STATUSES as readonly string[]).includes(status ?? "") ? (status as UserStatus) : undefined,
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
  };
}
