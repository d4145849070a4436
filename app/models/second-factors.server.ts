/**
 * A user's TOTP second factor and recovery codes (issue 20), as rows. The
 * secret arrives and leaves sealed (services/second-factor.server.ts seals
 * it with DATA_KEY); codes arrive already hashed. Every change writes its
 * activity row in the same transaction.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, schema, writeTransaction } from "~/db.server";
import { secondStepAfterPassword, type SecondStep } from "~/domain/second-factor";
import { now as clockNow } from "~/utils/clock";
import { recordActivity } from "./activities.server";

const sf = schema.secondFactors;
const rc = schema.recoveryCodes;

export type SecondFactorRow = { secretSealed: string; enabledAt: number | null; lastUsedStep: number | null };

/** The user's second factor (confirmed or only begun), or undefined. */
export function getSecondFactor(userId: number): SecondFactorRow | undefined {
  return getDb()
    .select({ secretSealed: sf.secretSealed, enabledAt: sf.enabledAt, lastUsedStep: sf.lastUsedStep })
    .from(sf)
    .where(eq(sf.userId, userId))
    .get();
}

/**
 * What sign-in asks of this user after a right password (issue 20): its
 * code, a set-up first (its partner requires one, or a Super Admin reset
 * it), or nothing more. A customer admin is asked for a code when it has
 * set up a second factor ("Your account"); its customer's partner's
 * requirement is not its own (partners.id is null for it).
 */
export function secondStepFor(userId: number): SecondStep {
  const row = getDb()
    .select({
      setupRequired: schema.users.secondFactorSetupRequired,
      partnerRequires: sql<number>`coalesce((select require_second_factor from partners where partners.id = ${schema.users.partnerId}), 0)`,
      enabled: sql<number>`exists (select 1 from second_factors f where f.user_id = ${schema.users.id} and f.enabled_at is not null)`,
    })
    .from(schema.users)
    .where(eq(schema.users.id, userId))
    .get();
  if (!row) return "none";
  return secondStepAfterPassword({ hasSecondFactor: Boolean(row.enabled), partnerRequires: Boolean(row.partnerRequires), setupRequired: row.setupRequired });
}

/** Whether the user has a confirmed second factor. */
export function hasSecondFactor(userId: number): boolean {
  return getSecondFactor(userId)?.enabledAt != null;
}

/**
 * Begins a set-up with a new sealed secret, replacing one begun before; a
 * confirmed second factor is left alone ("alreadyOn").
 */
export function beginSecondFactor({ userId, secretSealed, now = clockNow() }: { userId: number; secretSealed: string; now?: number }): "begun" | "alreadyOn" {
  return writeTransaction((tx) => {
    const existing = tx.select({ enabledAt: sf.enabledAt }).from(sf).where(eq(sf.userId, userId)).get();
    if (existing?.enabledAt != null) return "alreadyOn";
    tx.insert(sf)
      .values({ userId, secretSealed, createdAt: now, enabledAt: null, lastUsedStep: null })
      .onConflictDoUpdate({ target: sf.userId, set: { secretSealed, createdAt: now, lastUsedStep: null } })
      .run();
    return "begun";
  });
}

/**
 * Confirms a begun set-up with the step of the code that proved it: the
 * second factor is on, the 10 recovery codes (hashes) replace any earlier
 * ones, a Super Admin's "set up again" flag is cleared, and the activity row
 * written. False when nothing was begun (or it is on already).
 */
export function confirmSecondFactor({
  userId,
  partnerId,
  step,
  codeHashes,
  now = clockNow(),
}: {
  userId: number;
  partnerId: number;
  step: number;
  codeHashes: string[];
  now?: number;
}): boolean {
  return writeTransaction((tx) => {
    const enabled = tx
      .update(sf)
      .set({ enabledAt: now, lastUsedStep: step })
      .where(and(eq(sf.userId, userId), isNull(sf.enabledAt)))
      .run().changes;
    if (enabled === 0) return false;
    tx.delete(rc).where(eq(rc.userId, userId)).run();
    tx.insert(rc).values(codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: now }))).run();
    tx.update(schema.users).set({ secondFactorSetupRequired: false }).where(eq(schema.users.id, userId)).run();
    recordActivity(tx, { partnerId, customerId: null, actorUserId: userId, subjectUserId: userId, kind: "user.secondFactorOn", at: now });
    return true;
  });
}

/**
 * Takes a TOTP time step as used, when it is later than the last one used
 * (a compare-and-set: two requests with the same code cannot both pass).
 * False: this code, or a later one, was accepted already.
 */
export function takeTotpStep({ userId, step }: { userId: number; step: number }): boolean {
  return (
    getDb()
      .update(sf)
      .set({ lastUsedStep: step })
      .where(and(eq(sf.userId, userId), sql`${sf.enabledAt} is not null`, sql`(${sf.lastUsedStep} is null or ${sf.lastUsedStep} < ${step})`))
      .run().changes === 1
  );
}

/** Spends a recovery code (by hash) of the user: true once, false ever after or for a code it does not have. */
export function spendRecoveryCode({ userId, codeHash, now = clockNow() }: { userId: number; codeHash: string; now?: number }): boolean {
  return (
    getDb()
      .update(rc)
      .set({ usedAt: now })
      .where(and(eq(rc.userId, userId), eq(rc.codeHash, codeHash), isNull(rc.usedAt)))
      .run().changes === 1
  );
}

/** How many recovery codes the user has left ("Your account"). */
export function countRecoveryCodesLeft(userId: number): number {
  return getDb()
    .select({ n: sql<number>`count(*)` })
    .from(rc)
    .where(and(eq(rc.userId, userId), isNull(rc.usedAt)))
    .get()!.n;
}

/**
 * "Turn off second factor" (password and code checked by the caller): the
 * second factor and codes are deleted, with the activity row (in `partnerId`'s
 * log). Refused while the user's partner requires a second factor of every
 * user (a customer admin's customer's partner does not bind it).
 */
export function turnOffSecondFactor({
  userId,
  partnerId,
  now = clockNow(),
}: {
  userId: number;
  partnerId: number;
  now?: number;
}): "off" | "required" | "notOn" {
  return writeTransaction((tx) => {
    // The user's own partner (a partner user's): a customer admin's second factor is its own to keep or not.
    const required = tx
      .select({ required: schema.partners.requireSecondFactor })
      .from(schema.users)
      .innerJoin(schema.partners, eq(schema.partners.id, schema.users.partnerId))
      .where(eq(schema.users.id, userId))
      .get()?.required;
    if (required) return "required";
    const deleted = tx.delete(sf).where(and(eq(sf.userId, userId), sql`${sf.enabledAt} is not null`)).run().changes;
    if (deleted === 0) return "notOn";
    tx.delete(rc).where(eq(rc.userId, userId)).run();
    recordActivity(tx, { partnerId, customerId: null, actorUserId: userId, subjectUserId: userId, kind: "user.secondFactorOff", at: now });
    return "off";
  });
}

/** "Your account"'s second factor section: whether it is on, since when, and the recovery codes left. */
export function getSecondFactorStatus(userId: number): { on: false } | { on: true; enabledAt: number; recoveryCodesLeft: number } {
  const row = getSecondFactor(userId);
  if (row?.enabledAt == null) return { on: false };
  return { on: true, enabledAt: row.enabledAt, recoveryCodesLeft: countRecoveryCodesLeft(userId) };
}

/**
 * Whether every one of these recovery codes (hashes) is an unused code of
 * the user: the download of the codes just shown sends them back, and only
 * the user's own live codes are written into the file.
 */
export function areLiveRecoveryCodes({ userId, codeHashes }: { userId: number; codeHashes: readonly string[] }): boolean {
  if (codeHashes.length === 0) return false;
  const unique = [...new Set(codeHashes)];
  const found = getDb()
    .select({ n: sql<number>`count(*)` })
    .from(rc)
    .where(and(eq(rc.userId, userId), isNull(rc.usedAt), sql`${rc.codeHash} in ${unique}`))
    .get()!.n;
  return found === unique.length;
}

/** The partner's active users who have no second factor yet (the "Require a second factor" setting's page). */
export function countUsersWithoutSecondFactor({ partnerId }: { partnerId: number }): { without: number; active: number } {
  const row = getDb()
    .select({
      active: sql<number>`count(*)`,
      without: sql<number>`sum(case when exists (select 1 from second_factors f where f.user_id = ${schema.users.id} and f.enabled_at is not null) then 0 else 1 end)`,
    })
    .from(schema.users)
    .where(and(eq(schema.users.partnerId, partnerId), eq(schema.users.status, "active")))
    .get();
  return { active: row?.active ?? 0, without: row?.without ?? 0 };
}
