import { hash, verify } from "@node-rs/argon2";
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { findUserForSignIn } from "~/models/users.server";
import {
  checkSignInThrottle,
  recordSignInFailure,
  clearSignInFailures,
} from "~/models/sign-in-throttles.server";
import { clientAddress } from "~/services/request.server";
import { safeRedirectPath } from "~/utils/redirect";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { signInSchema } from "~/schemas/sign-in";
import { createI18n } from "~/i18n/translate";
import { getLocale } from "./preferences.server";

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Checked when the email is unknown, so an unknown email takes as long as a
// wrong password and the answer gives nothing away.
let dummyHash: Promise<string> | undefined;

export type SignInResult =
  | { ok: true; userId: number; kind: "partner" | "customer"; redirectTo: string | null }
  | { ok: false; reply: SubmissionResult<string[]> };

/**
 * Signs in with remix-auth's FormStrategy. The strategy reads the request
 * body itself, so the action must not read it first. Never throws for bad
 * input: every outcome is a SignInResult, failures as a Conform reply with
 * the password left out and the email kept. An unknown email and a wrong
 * password get the same message, after the same work.
 */
export const authenticator = new Authenticator<SignInResult>();

authenticator.use(
  new FormStrategy(async ({ form, request }) => {
    const t = createI18n(await getLocale(request));
    const submission = parseWithZod(form, { schema: signInSchema(t) });
    if (submission.status !== "success") {
      return { ok: false, reply: submission.reply({ hideFields: ["password"] }) };
    }
    const { email, password, redirectTo } = submission.value;
    const fail = (message: string): SignInResult => ({
      ok: false,
      reply: submission.reply({ formErrors: [message], hideFields: ["password"] }),
    });
    const keys = throttleKeys(email, clientAddress(request));
    const waitMs = checkSignInThrottle(keys);
    if (waitMs > 0) {
      return fail(t.plural("signIn.throttled", Math.max(1, Math.ceil(waitMs / 60_000))));
    }
    // Counted as a failure now, in the same synchronous step as the check,
    // and forgiven on success: parallel guesses cannot all slip past the
    // check while the (slow, asynchronous) hash is verified.
    recordSignInFailure(keys);
    const user = findUserForSignIn(email);
    dummyHash ??= hash("not-a-real-password");
    const valid = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
    if (!user || !valid) return fail(t("signIn.invalid"));
    clearSignInFailures(keys);
    return {
      ok: true,
      userId: user.id,
      kind: user.kind,
      redirectTo: redirectTo ? safeRedirectPath(redirectTo, "") || null : null,
    };
  }),
  "form",
);

function throttleKeys(email: string, address: string | null): string[] {
  return address ? [`email:${email}`, `ip:${address}`] : [`email:${email}`];
}
