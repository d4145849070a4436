import { z } from "zod";
import type { Translate } from "~/i18n/translate";

/** The sign-in form; messages in the page's language. */
export function signInSchema(t: Translate) {
  return z.object({
    email: z
      .string({ error: t("signIn.emailRequired") })
      .trim()
      .max(254, { error: t("signIn.invalid") })
      .transform((value) => value.toLowerCase()),
    password: z.string({ error: t("signIn.passwordRequired") }).max(1024, { error: t("signIn.invalid") }),
    redirectTo: z.string().optional(),
  });
}

export type SignInFields = z.input<ReturnType<typeof signInSchema>>;
