/**
 * The password fields (issue 20): accepting an invitation, setting a new
 * password from a reset link, "Change password", "Forgot your password?".
 * The rules every browser can be told at once are app/domain/passwords.ts;
 * whether a password is common or easily guessed needs word lists too large
 * for the browser, so the server passes its check in (`weakness`:
 * services/password-strength.server.ts) and its message lands at the field
 * like any other.
 */
import { z } from "zod";
import { PASSWORD_MAX, passwordProblem } from "~/domain/passwords";
import type { MessageKey } from "~/i18n/messages";
import type { Translate } from "~/i18n/translate";
import { EMAIL_MAX } from "./new-customer";

/** Why a password is too easy to guess, as a message key; null when it is not. */
export type WeaknessCheck = (password: string) => MessageKey | null;

/** A new password: the rules, then (on the server) the strength check. Never trimmed: spaces count. */
export function newPasswordField(t: Translate, weakness?: WeaknessCheck) {
  return z
    .string({ error: t("password.required") })
    .superRefine((password, context) => {
      const problem = passwordProblem(password);
      const why = problem ?? weakness?.(password) ?? null;
      if (why) context.addIssue({ code: "custom", message: t(why) });
    });
}

/** Accepting an invitation, and a reset link's "Set a new password". */
export function setPasswordSchema(t: Translate, weakness?: WeaknessCheck) {
  return z.object({ password: newPasswordField(t, weakness) });
}

export type SetPasswordFields = z.input<ReturnType<typeof setPasswordSchema>>;

/** "Change password": the current one (checked by the server against its hash), and the new one. */
export function changePasswordSchema(t: Translate, weakness?: WeaknessCheck) {
  return z.object({
    currentPassword: z
      .string({ error: t("password.current.required") })
      // Longer than any password that can be set: not worth hashing.
      .max(PASSWORD_MAX * 4, { error: t("password.current.wrong") }),
    newPassword: newPasswordField(t, weakness),
  });
}

export type ChangePasswordFields = z.input<ReturnType<typeof changePasswordSchema>>;

const emailFormat = z.email();

/** "Forgot your password?": an address (whether it is anyone's is never said). */
export function forgotPasswordSchema(t: Translate) {
  return z.object({
    email: z
      .string({ error: t("reset.email.required") })
      .transform((value) => value.trim().toLowerCase())
      .refine((value) => value.length <= EMAIL_MAX && emailFormat.safeParse(value).success, {
        error: t("users.email.invalid"),
      }),
  });
}

export type ForgotPasswordFields = z.input<ReturnType<typeof forgotPasswordSchema>>;
