import { hash, verify } from "@node-rs/argon2";
import { FormStrategy } from "remix-auth-form";
import { findUserForSignIn } from "~/models/users.server";
import { secondStepFor } from "~/models/second-factors.server";
import type { SecondStep } from "~/domain/second-factor";
import { checkSignInThrottle, forgiveSignInAttempt, recordSignInFailure } from "~/models/sign-in-throttles.server";
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
  | {
      ok: true;
      userId: number;
      kind: "partner" | "customer";
      redirectTo: string | null;
      /**
       * What comes after the password (issue 20): "verify" asks for the
       * verification code, "setUp" sends to the second factor's set-up before
       * anything else; the session must not be a full one until it is done.
       */
      secondStep: SecondStep;
    }
  | { ok: false; reply: SubmissionResult<string[]> };

/**
 * Signs in with remix-auth-form's FormStrategy, for a client at `clientAddress`
 * (requestClientAddress: the socket's, or a trusted proxy's X-Forwarded-For).
 * The strategy reads the request body itself, so the action must not read it
 * first; its verify callback is given only the form and the request, so the
 * address reaches it through this closure, one strategy per attempt.
 *
 * Never throws for bad input: every outcome is a SignInResult, failures as a
 * Conform reply with the password left out and the email kept. An unknown
 * email and a wrong password get the same message, after the same work.
 * The request's body is a form: the action reads it first (readForm) and
 * hands the strategy a request rebuilt from it (requestWithForm).
 */
export async function authenticateSignIn(request: Request, clientAddress: string | null): Promise<SignInResult> {
  const strategy = new FormStrategy<SignInResult>(({ form }) => verifySignIn(form, request, clientAddress));
  return strategy.authenticate(request);
}

async function verifySignIn(form: FormData, request: Request, address: string | null): Promise<SignInResult> {
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
  const attempt = { email, address };
  const waitMs = checkSignInThrottle(attempt);
  if (waitMs > 0) {
    return fail(t.plural("signIn.throttled", Math.max(1, Math.ceil(waitMs / 60_000))));
  }
  // Counted as a failure now, in the same synchronous step as the check,
  // and forgiven on success: parallel guesses cannot all slip past the
  // check while the (slow, asynchronous) hash is verified.
  recordSignInFailure(attempt);
  const user = findUserForSignIn(email);
  dummyHash ??= hash("not-a-real-password");
  const valid = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
  if (!user || !valid) return fail(t("signIn.invalid"));
  forgiveSignInAttempt(attempt);
  return {
    ok: true,
    userId: user.id,
    kind: user.kind,
    secondStep: secondStepFor(user.id),
    redirectTo: redirectTo ? safeRedirectPath(redirectTo, "") || null : null,
  };
}
