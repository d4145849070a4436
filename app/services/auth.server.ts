import { hash, verify } from "@node-rs/argon2";
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { findUserForSignIn } from "~/models/users.server";
import {
  checkSignInThrottle,
  recordSignInFailure,
  clearSignInFailures,
} from "~/models/sign-in-throttles.server";
import { clientAddress, safeRedirectPath } from "~/utils/request.server";

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Checked when the email is unknown, so an unknown email takes as long as a
// wrong password and the answer gives nothing away.
let dummyHash: Promise<string> | undefined;

export type SignInResult =
  | { ok: true; userId: number; kind: "partner" | "customer"; redirectTo: string | null }
  | {
      ok: false;
      email: string;
      redirectTo: string | null;
      error:
        | { field: "email" | "password"; reason: "required" }
        | { field: "form"; reason: "invalid" }
        | { field: "form"; reason: "throttled"; minutes: number };
    };

/**
 * Signs in with remix-auth's FormStrategy. The strategy reads the request
 * body itself, so the action must not read it first. Never throws for bad
 * input: every outcome is a SignInResult.
 */
export const authenticator = new Authenticator<SignInResult>();

authenticator.use(
  new FormStrategy(async ({ form, request }) => {
    const email = String(form.get("email") ?? "")
      .trim()
      .toLowerCase()
      .slice(0, 254);
    const password = String(form.get("password") ?? "").slice(0, 1024);
    const rawRedirect = form.get("redirectTo");
    const redirectTo = rawRedirect ? safeRedirectPath(String(rawRedirect), "") || null : null;
    if (!email) {
      return { ok: false, email, redirectTo, error: { field: "email", reason: "required" } };
    }
    if (!password) {
      return { ok: false, email, redirectTo, error: { field: "password", reason: "required" } };
    }
    const keys = throttleKeys(email, clientAddress(request));
    const waitMs = checkSignInThrottle(keys);
    if (waitMs > 0) {
      return {
        ok: false,
        email,
        redirectTo,
        error: { field: "form", reason: "throttled", minutes: Math.max(1, Math.ceil(waitMs / 60000)) },
      };
    }
    const user = findUserForSignIn(email);
    dummyHash ??= hash("not-a-real-password");
    const valid = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
    if (!user || !valid) {
      recordSignInFailure(keys);
      return { ok: false, email, redirectTo, error: { field: "form", reason: "invalid" } };
    }
    clearSignInFailures([`email:${email}`]);
    return { ok: true, userId: user.id, kind: user.kind, redirectTo };
  }),
  "form",
);

function throttleKeys(email: string, address: string | null): string[] {
  return address ? [`email:${email}`, `ip:${address}`] : [`email:${email}`];
}
