/**
 * The second factor's forms (issue 20): the "Verification code" at sign-in
 * and to confirm a set-up, and "Turn off second factor" (password and code).
 */
import { z } from "zod";
import { readCodeKind } from "~/domain/second-factor";
import type { Translate } from "~/i18n/translate";
import { PASSWORD_MAX } from "~/domain/passwords";

function codeField(t: Translate) {
  return z
    .string({ error: t("secondFactor.code.required") })
    .transform((value) => value.trim())
    .refine((value) => value !== "", { error: t("secondFactor.code.required"), abort: true })
    .refine((value) => value.length <= 64 && readCodeKind(value) !== null, { error: t("secondFactor.code.invalid"), abort: true });
}

/** A TOTP code or a recovery code. */
export function verificationCodeSchema(t: Translate) {
  return z.object({ code: codeField(t) });
}

export type VerificationCodeFields = z.input<ReturnType<typeof verificationCodeSchema>>;

/** "Turn off second factor". */
export function turnOffSecondFactorSchema(t: Translate) {
  return z.object({
    password: z.string({ error: t("password.current.required") }).max(PASSWORD_MAX * 4, { error: t("password.current.wrong") }),
    code: codeField(t),
  });
}

export type TurnOffSecondFactorFields = z.input<ReturnType<typeof turnOffSecondFactorSchema>>;
