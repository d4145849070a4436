/**
 * "Add credential" (issue 21): a name, a role, customer access like a
 * user's (the same rule, domain/user-policy.ts accessForRole) and an
 * optional expiry date. Validated on the server, messages at each field.
 * Whether the chosen groups and customers are the partner's is the model's
 * to say inside its transaction.
 */
import { z } from "zod";
import { ROLES } from "../../lib/enums";
import { accessForRole, type CustomerAccess } from "~/domain/user-policy";
import type { Translate } from "~/i18n/translate";
import { nameField } from "./name-field";
import { idList } from "./id-list";

export const CREDENTIAL_NAME_MAX = 60;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The start (UTC) of a YYYY-MM-DD day that exists, else null. */
export function startOfDay(text: string): number | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = Date.UTC(year, month - 1, day);
  const date = new Date(at);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? at : null;
}

/**
 * The form's schema; `today` (the one clock's, ms) decides what "in the
 * past" is. The credential works through its expiry date (UTC) and stops
 * at the start of the next day: `expiresAt`.
 */
export function addCredentialSchema(t: Translate, today: number) {
  return z
    .object({
      name: nameField(
        {
          required: t("apiCredentials.name.required"),
          invisible: t("apiCredentials.name.invisible"),
          tooLong: t("apiCredentials.name.tooLong", { max: CREDENTIAL_NAME_MAX }),
        },
        CREDENTIAL_NAME_MAX,
      ),
      role: z.enum(ROLES, { error: t("apiCredentials.role.required") }),
      access: z.enum(["all", "chosen"], { error: t("apiCredentials.access.required") }).optional(),
      groupIds: idList,
      customerIds: idList,
      expiresOn: z
        .string({ error: t("apiCredentials.expires.invalid") })
        .optional()
        .transform((value, context) => {
          const text = (value ?? "").trim();
          if (text === "") return null;
          const day = startOfDay(text.slice(0, 10));
          if (day === null || text.length > 10) {
            context.addIssue({ code: "custom", message: t("apiCredentials.expires.invalid") });
            return z.NEVER;
          }
          if (day + DAY_MS <= today) {
            context.addIssue({ code: "custom", message: t("apiCredentials.expires.past") });
            return z.NEVER;
          }
          return day + DAY_MS;
        }),
    })
    .transform((value, context) => {
      const { access, groupIds, customerIds, expiresOn, ...rest } = value;
      if (value.role !== "super_admin" && !access) {
        context.addIssue({ code: "custom", path: ["access"], message: t("apiCredentials.access.required") });
        return z.NEVER;
      }
      const chosen: CustomerAccess = access === "all" ? { all: true } : { all: false, groupIds, customerIds };
      const resolved = accessForRole(value.role, chosen);
      if (!resolved.ok) {
        context.addIssue({ code: "custom", path: ["access"], message: t("apiCredentials.access.empty") });
        return z.NEVER;
      }
      return { ...rest, customerAccess: resolved.access, expiresAt: expiresOn };
    });
}

export type AddCredentialFields = z.input<ReturnType<typeof addCredentialSchema>>;
