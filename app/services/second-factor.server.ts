/**
 * The TOTP second factor (issue 20; docs/decisions/0023): RFC 6238 with
 * otplib (SHA-1, 6 digits, 30 s), the set-up's QR code drawn on the server as
 * SVG with qrcode, secrets sealed with DATA_KEY (data-key.server.ts), codes
 * throttled per user and never accepted twice (the step taken by a
 * compare-and-set, models/second-factors.server.ts), and ten recovery codes
 * stored as SHA-256.
 */
import { verify as verifyPassword } from "@node-rs/argon2";
import { generateSecret, generateURI, verifySync } from "otplib";
import QRCode from "qrcode";
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS, TOTP_TOLERANCE_STEPS, groupInFours, readCodeKind } from "~/domain/second-factor";
import {
  beginSecondFactor,
  confirmSecondFactor,
  getSecondFactor,
  spendRecoveryCode,
  takeTotpStep,
  turnOffSecondFactor,
} from "~/models/second-factors.server";
import { forgiveThrottle, takeThrottledAttempt } from "~/models/sign-in-throttles.server";
import { findPasswordHash } from "~/models/users.server";
import { now as clockNow } from "~/utils/clock";
import { mintRecoveryCodes, recoveryCodeHash } from "~/utils/tokens.server";
import { seal, unseal } from "./data-key.server";

/** The name authenticator apps show above the account. */
export const TOTP_ISSUER = "Partner Console";

/** Wrong current passwords a signed-in user may type in a window ("Change password", "Turn off second factor"). */
export const FREE_CURRENT_PASSWORD_FAILURES = 5;
export const currentPasswordThrottleKey = (userId: number) => `current-password:${userId}`;

/** Wrong codes a user may type in a window before waiting (30 s doubling, as sign-in). */
const FREE_CODE_FAILURES = 5;

const sealContext = (userId: number) => `second-factor:${userId}`;
const codeThrottleKey = (userId: number) => `second-factor:${userId}`;

/** The otpauth:// address an authenticator app reads (from the QR code, or typed). */
export function totpUri({ secret, account }: { secret: string; account: string }): string {
  return generateURI({ issuer: TOTP_ISSUER, label: account, secret, digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, algorithm: "sha1" });
}

/** The QR code of an address as an SVG document, drawn on the server (no script, no image request). */
export async function qrCodeSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

/**
 * The time step of a TOTP code valid for this secret at `now` (one step
 * either side), or null. Pure: no database, no throttle.
 */
export function totpStep(secret: string, code: string, now = clockNow()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const epoch = Math.floor(now / 1000);
  const result = verifySync({
    secret,
    token,
    epoch,
    epochTolerance: TOTP_TOLERANCE_STEPS * TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    algorithm: "sha1",
  });
  // delta: how many steps from now the matching code's step is (-1, 0 or 1).
  return result.valid ? Math.floor(epoch / TOTP_PERIOD_SECONDS) + result.delta : null;
}

export type SetupView = {
  /** The secret in groups of four, to type by hand. */
  secretGrouped: string;
  uri: string;
  qrSvg: string;
};

/**
 * "Set up a second factor": a new secret (or the one begun before, so a
 * reload shows the same QR code), sealed and kept unconfirmed until a code
 * proves it. Null when the user already has a second factor on.
 */
export async function beginSecondFactorSetup({ user, now = clockNow() }: { user: { id: number; email: string }; now?: number }): Promise<SetupView | null> {
  const existing = getSecondFactor(user.id);
  if (existing?.enabledAt != null) return null;
  let secret = existing ? unseal(existing.secretSealed, sealContext(user.id)) : null;
  if (!secret) {
    // 20 bytes: the 160 bits RFC 4226 recommends for HMAC-SHA-1.
    secret = generateSecret({ length: 20 });
    if (beginSecondFactor({ userId: user.id, secretSealed: seal(secret, sealContext(user.id)), now }) === "alreadyOn") return null;
  }
  const uri = totpUri({ secret, account: user.email });
  return { secretGrouped: groupInFours(secret), uri, qrSvg: await qrCodeSvg(uri) };
}

export type CodeCheck = { status: "wrongCode" } | { status: "throttled"; waitMs: number };

export type ConfirmOutcome = { status: "on"; recoveryCodes: string[] } | { status: "notBegun" } | CodeCheck;

/**
 * Confirms the set-up with one code: the second factor is on and ten
 * recovery codes are made, returned here to be shown once (and offered as
 * a text file), stored only as hashes.
 */
export function confirmSecondFactorSetup({
  user,
  code,
  now = clockNow(),
}: {
  user: { id: number; partnerId: number };
  code: string;
  now?: number;
}): ConfirmOutcome {
  const row = getSecondFactor(user.id);
  if (!row || row.enabledAt != null) return { status: "notBegun" };
  const waitMs = takeThrottledAttempt([{ key: codeThrottleKey(user.id), free: FREE_CODE_FAILURES }], now);
  if (waitMs > 0) return { status: "throttled", waitMs };
  const step = totpStep(unseal(row.secretSealed, sealContext(user.id)), code, now);
  if (step === null) return { status: "wrongCode" };
  const recoveryCodes = mintRecoveryCodes();
  const hashes = recoveryCodes.map((recovery) => recoveryCodeHash(recovery)!);
  if (!confirmSecondFactor({ userId: user.id, partnerId: user.partnerId, step, codeHashes: hashes, now })) return { status: "notBegun" };
  forgiveThrottle(codeThrottleKey(user.id));
  return { status: "on", recoveryCodes };
}

export type SecondStepOutcome = { status: "ok"; via: "totp" | "recovery" } | CodeCheck | { status: "noSecondFactor" };

/**
 * The "Verification code" step of sign-in (and any other proof of the
 * second factor): a current TOTP code never used before, or an unused
 * recovery code (spent by this). Attempts are throttled per user: each
 * counts until a right one forgives the window.
 */
export function verifySecondFactorCode({ userId, code, now = clockNow() }: { userId: number; code: string; now?: number }): SecondStepOutcome {
  const row = getSecondFactor(userId);
  if (!row || row.enabledAt == null) return { status: "noSecondFactor" };
  const waitMs = takeThrottledAttempt([{ key: codeThrottleKey(userId), free: FREE_CODE_FAILURES }], now);
  if (waitMs > 0) return { status: "throttled", waitMs };
  const kind = readCodeKind(code);
  let ok: SecondStepOutcome | null = null;
  if (kind === "totp") {
    const step = totpStep(unseal(row.secretSealed, sealContext(userId)), code, now);
    if (step !== null && takeTotpStep({ userId, step })) ok = { status: "ok", via: "totp" };
  } else if (kind === "recovery") {
    const hash = recoveryCodeHash(code);
    if (hash && spendRecoveryCode({ userId, codeHash: hash, now })) ok = { status: "ok", via: "recovery" };
  }
  if (!ok) return { status: "wrongCode" };
  forgiveThrottle(codeThrottleKey(userId));
  return ok;
}

export type TurnOffOutcome = { status: "off" } | { status: "wrongPassword" } | { status: "required" } | { status: "notOn" } | CodeCheck;

/**
 * "Turn off second factor": needs the user's password (throttled as on
 * "Change password") and a code; refused while the partner requires one.
 */
export async function turnOffSecondFactorWithProof({
  user,
  password,
  code,
  now = clockNow(),
}: {
  user: { id: number; partnerId: number };
  password: string;
  code: string;
  now?: number;
}): Promise<TurnOffOutcome> {
  // The password is guessed no faster here than on "Change password": the same key and count.
  const passwordKey = currentPasswordThrottleKey(user.id);
  const waitMs = takeThrottledAttempt([{ key: passwordKey, free: FREE_CURRENT_PASSWORD_FAILURES }], now);
  if (waitMs > 0) return { status: "throttled", waitMs };
  const hash = findPasswordHash(user.id);
  const passwordOk = hash ? await verifyPassword(hash, password).catch(() => false) : false;
  if (!passwordOk) return { status: "wrongPassword" };
  forgiveThrottle(passwordKey);
  const proof = verifySecondFactorCode({ userId: user.id, code, now });
  if (proof.status === "noSecondFactor") return { status: "notOn" };
  if (proof.status !== "ok") return proof;
  return { status: turnOffSecondFactor({ userId: user.id, partnerId: user.partnerId, now }) };
}
