/**
 * A user's own account changes that need a password hashed or checked
 * (argon2id, asynchronous, so done before the model's synchronous
 * transaction): accepting an invitation, "Forgot your password?" and its
 * link, "Change password" (issue 20). The new password's rules and strength
 * are checked by the form's schema first (app/schemas/passwords.ts with
 * password-strength.server.ts).
 */
import { verify } from "@node-rs/argon2";
import {
  acceptInvitation,
  changePassword,
  completePasswordReset,
  createPasswordReset,
  type AcceptInvitationOutcome,
  type CompleteResetOutcome,
} from "~/models/account-links.server";
import type { MailLocale } from "~/models/mail-outbox.server";
import { forgiveThrottle, takeThrottledAttempt } from "~/models/sign-in-throttles.server";
import { findPasswordHash } from "~/models/users.server";
import { now as clockNow } from "~/utils/clock";
import { hashPassword } from "./auth.server";
import { getSession, sessionIdHash } from "./session.server";
import { FREE_CURRENT_PASSWORD_FAILURES, currentPasswordThrottleKey } from "./second-factor.server";

/** Accepts an invitation with the password the invitee chose; returns the user id to sign in, or why the link is closed. */
export async function acceptInvitationWithPassword({
  token,
  password,
  locale,
  now,
}: {
  token: string;
  password: string;
  locale?: MailLocale;
  now?: number;
}): Promise<AcceptInvitationOutcome> {
  const passwordHash = await hashPassword(password);
  return acceptInvitation({ token, passwordHash, locale, now: now ?? clockNow() });
}

/**
 * "Forgot your password?" requests an address may make in a window (per
 * account, i.e. per email typed) and a client address may make across
 * accounts, before waiting 30 s doubling to 15 min, as sign-in.
 */
const FREE_RESETS_PER_ACCOUNT = 3;
const FREE_RESETS_PER_CLIENT_ADDRESS = 10;

export type ResetRequestOutcome = { status: "accepted" } | { status: "throttled"; waitMs: number };

/**
 * "Forgot your password?": the same answer whether or not the address is a
 * user's ("if it is, a link is on its way"); a link valid 30 minutes is
 * queued only for an active user. Throttled per email and per client
 * address, every request counting, known address or not.
 */
export function requestPasswordReset({
  email,
  clientAddress,
  locale,
  now = clockNow(),
}: {
  email: string;
  clientAddress: string | null;
  locale: MailLocale;
  now?: number;
}): ResetRequestOutcome {
  const account = email.trim().toLowerCase();
  const waitMs = takeThrottledAttempt(
    [
      { key: `reset-account:${account}`, free: FREE_RESETS_PER_ACCOUNT },
      { key: `reset-address:${clientAddress ?? "unknown"}`, free: FREE_RESETS_PER_CLIENT_ADDRESS },
    ],
    now,
  );
  if (waitMs > 0) return { status: "throttled", waitMs };
  createPasswordReset({ email: account, locale, now });
  return { status: "accepted" };
}

/** Sets a new password from a reset link; every session of the user ends. */
export async function resetPasswordWithToken({ token, password, now }: { token: string; password: string; now?: number }): Promise<CompleteResetOutcome> {
  const passwordHash = await hashPassword(password);
  return completePasswordReset({ token, passwordHash, now: now ?? clockNow() });
}

export type ChangePasswordOutcome = { status: "changed" } | { status: "wrongPassword" } | { status: "throttled"; waitMs: number };

/**
 * "Change password": the current password is required (throttled per
 * user); every other session of the user ends, the one in `request` stays.
 */
export async function changeOwnPassword({
  request,
  userId,
  currentPassword,
  newPassword,
  now = clockNow(),
}: {
  request: Request;
  userId: number;
  currentPassword: string;
  newPassword: string;
  now?: number;
}): Promise<ChangePasswordOutcome> {
  const key = currentPasswordThrottleKey(userId);
  const waitMs = takeThrottledAttempt([{ key, free: FREE_CURRENT_PASSWORD_FAILURES }], now);
  if (waitMs > 0) return { status: "throttled", waitMs };
  const hash = findPasswordHash(userId);
  const ok = hash ? await verify(hash, currentPassword).catch(() => false) : false;
  if (!ok) return { status: "wrongPassword" };
  forgiveThrottle(key);
  const passwordHash = await hashPassword(newPassword);
  const session = await getSession(request);
  const changed = changePassword({ userId, passwordHash, keepSessionIdHash: session.id ? sessionIdHash(session.id) : undefined, now });
  return changed ? { status: "changed" } : { status: "wrongPassword" };
}
