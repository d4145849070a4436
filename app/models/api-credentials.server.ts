/**
 * Partner API credentials and their tokens (issue 21;
 * docs/decisions/0028-partner-api.md, 0029-api-tokens-and-rate-limit.md).
 *
 * A credential belongs to one partner and has a role and customer access
 * like a user's. Its client secret is hashed (argon2id) by the caller before
 * anything here runs; here only the hash is stored. Tokens are
 * `selector.verifier` (app/utils/tokens.server.ts): the database keeps the
 * SHA-256 of the verifier. Every call finds its token through the credential,
 * so a deleted or expired credential ends every token at once.
 */
import crypto from "node:crypto";
import { and, asc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { getDb, schema, writeTransaction, type Tx } from "~/db.server";
import type { PartnerActor, ApiClientActor } from "~/domain/actor";
import { seesAllCustomers } from "~/domain/actor";
import type { Role } from "../../lib/enums";
import type { CustomerAccess } from "~/domain/user-policy";
import { accessForRole } from "~/domain/user-policy";
import { ACCESS_TOKEN_SECONDS, LAST_USED_PRECISION_MS, REFRESH_TOKEN_SECONDS, RATE_LIMIT_WINDOW_MS, credentialLive } from "~/domain/partner-api";
import { mintLinkToken, splitLinkToken, verifierMatches } from "~/utils/tokens.server";
import { now as clockNow } from "~/utils/clock";
import { recordActivity } from "./activities.server";
import { accessBelongsToPartner } from "./team.server";

const k = schema.apiCredentials;
const t = schema.apiTokens;

export type CredentialRow = {
  id: number;
  name: string;
  clientId: string;
  role: Role;
  access: { all: true } | { all: false; groups: number; customers: number };
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
};

/** The partner's credentials that are not deleted, oldest first: the API credentials page. */
export function listCredentials({ actor }: { actor: PartnerActor }): CredentialRow[] {
  const rows = getDb()
    .select({
      id: k.id,
      name: k.name,
      clientId: k.clientId,
      role: k.role,
      designatedAll: k.designatedAll,
      createdAt: k.createdAt,
      lastUsedAt: k.lastUsedAt,
      expiresAt: k.expiresAt,
      groups: sql<number>`(select count(*) from api_credential_groups g where g.credential_id = api_credentials.id)`,
      customers: sql<number>`(select count(*) from api_credential_customers c where c.credential_id = api_credentials.id)`,
    })
    .from(k)
    .where(and(eq(k.partnerId, actor.partner.id), isNull(k.deletedAt)))
    .orderBy(asc(k.createdAt), asc(k.id))
    .all();
  return rows.map(({ designatedAll, groups, customers, ...row }) => ({
    ...row,
    access: seesAllCustomers(row.role, designatedAll) ? { all: true } : { all: false, groups, customers },
  }));
}

/** One of the partner's live (not deleted) credentials, by id; undefined for another partner's. */
export function getCredential({ actor, credentialId }: { actor: PartnerActor; credentialId: number }) {
  return getDb()
    .select({ id: k.id, name: k.name, role: k.role, createdAt: k.createdAt, expiresAt: k.expiresAt })
    .from(k)
    .where(and(eq(k.id, credentialId), eq(k.partnerId, actor.partner.id), isNull(k.deletedAt)))
    .get();
}

/** The names of a chosen access, as the activity log records it. */
function accessRecord(tx: Tx, access: CustomerAccess): Record<string, string> {
  if (access.all) return { customerAccess: "all" };
  const groups = access.groupIds.length
    ? tx.select({ name: schema.groups.name }).from(schema.groups).where(inArray(schema.groups.id, access.groupIds)).all()
    : [];
  const customers = access.customerIds.length
    ? tx
        .select({ legalName: schema.customers.legalName })
        .from(schema.customers)
        .where(inArray(schema.customers.id, access.customerIds))
        .all()
    : [];
  return {
    customerAccess: "chosen",
    groups: groups.map((group) => group.name).join(", "),
    customers: customers.map((customer) => customer.legalName).join(", "),
  };
}

export type CreateCredentialOutcome = { status: "created"; credentialId: number } | { status: "invalidAccess" };

/** A fresh client id: public, random, unique (a UUID, as the vendor's are). */
export function newClientId(): string {
  return crypto.randomUUID();
}

/**
 * Adds a credential to the actor's partner with a secret already hashed, its
 * customer access (all for a Super Admin role, as for users), and the
 * activity record "apiCredential.created", in one transaction. The access
 * must name only the partner's own groups and customers.
 */
export function createCredential({
  actor,
  name,
  role,
  access,
  expiresAt,
  clientId,
  secretHash,
  now = clockNow(),
}: {
  actor: PartnerActor;
  name: string;
  role: Role;
  access: CustomerAccess;
  expiresAt: number | null;
  clientId: string;
  secretHash: string;
  now?: number;
}): CreateCredentialOutcome {
  const resolved = accessForRole(role, access);
  if (!resolved.ok) return { status: "invalidAccess" };
  const chosen = resolved.access;
  return writeTransaction((tx): CreateCredentialOutcome => {
    if (!accessBelongsToPartner(tx, actor.partner.id, chosen)) return { status: "invalidAccess" };
    const credentialId = tx
      .insert(k)
      .values({
        partnerId: actor.partner.id,
        name,
        clientId,
        secretHash,
        role,
        designatedAll: chosen.all,
        createdByUserId: actor.user.id,
        createdAt: now,
        expiresAt,
      })
      .returning({ id: k.id })
      .get().id;
    if (!chosen.all) {
      if (chosen.groupIds.length) {
        tx.insert(schema.apiCredentialGroups).values(chosen.groupIds.map((groupId) => ({ credentialId, groupId }))).run();
      }
      if (chosen.customerIds.length) {
        tx.insert(schema.apiCredentialCustomers)
          .values(chosen.customerIds.map((customerId) => ({ credentialId, customerId })))
          .run();
      }
    }
    recordActivity(tx, {
      partnerId: actor.partner.id,
      customerId: null,
      actorUserId: actor.user.id,
      kind: "apiCredential.created",
      before: null,
      after: { credential: name, role, ...accessRecord(tx, chosen), ...(expiresAt !== null ? { expiresAt } : {}) },
      at: now,
    });
    return { status: "created", credentialId };
  });
}

/**
 * "Delete credential": marks it deleted and deletes its tokens, so every
 * token it had stops working at once, and records "apiCredential.deleted".
 * The row stays (marked) so the activity log keeps its name.
 * @returns false when the partner has no such live credential.
 */
export function deleteCredential({ actor, credentialId, now = clockNow() }: { actor: PartnerActor; credentialId: number; now?: number }): boolean {
  return writeTransaction((tx) => {
    const row = tx
      .select({ id: k.id, name: k.name, role: k.role })
      .from(k)
      .where(and(eq(k.id, credentialId), eq(k.partnerId, actor.partner.id), isNull(k.deletedAt)))
      .get();
    if (!row) return false;
    tx.update(k).set({ deletedAt: now }).where(eq(k.id, row.id)).run();
    tx.delete(t).where(eq(t.credentialId, row.id)).run();
    tx.delete(schema.apiRateLimits).where(eq(schema.apiRateLimits.credentialId, row.id)).run();
    recordActivity(tx, {
      partnerId: actor.partner.id,
      customerId: null,
      actorUserId: actor.user.id,
      kind: "apiCredential.deleted",
      before: { credential: row.name, role: row.role },
      after: null,
      at: now,
    });
    return true;
  });
}

/** What the token endpoint needs of a credential: its hash, and whether it still works. */
export function findCredentialByClientId(clientId: string, now = clockNow()) {
  const row = getDb()
    .select({ id: k.id, secretHash: k.secretHash, expiresAt: k.expiresAt, deletedAt: k.deletedAt })
    .from(k)
    .where(eq(k.clientId, clientId))
    .get();
  if (!row) return undefined;
  return { id: row.id, secretHash: row.secretHash, live: credentialLive(row, now) };
}

export type IssuedTokens = { accessToken: string; refreshToken: string; expiresIn: number };

function insertToken(tx: Tx, credentialId: number, kind: "access" | "refresh", now: number): string {
  const minted = mintLinkToken();
  const seconds = kind === "access" ? ACCESS_TOKEN_SECONDS : REFRESH_TOKEN_SECONDS;
  tx.insert(t)
    .values({ credentialId, kind, selector: minted.selector, verifierHash: minted.verifierHash, createdAt: now, expiresAt: now + seconds * 1000 })
    .run();
  return minted.token;
}

/** A new access token and refresh token for a live credential (its secret already verified). */
export function issueTokens({ credentialId, now = clockNow() }: { credentialId: number; now?: number }): IssuedTokens {
  return writeTransaction((tx) => {
    // Expired tokens go as new ones are made: the table holds only live ones and a few stale.
    tx.delete(t).where(and(eq(t.credentialId, credentialId), lt(t.expiresAt, now))).run();
    return {
      accessToken: insertToken(tx, credentialId, "access", now),
      refreshToken: insertToken(tx, credentialId, "refresh", now),
      expiresIn: ACCESS_TOKEN_SECONDS,
    };
  });
}

/** A stored token by its text, when it is of this kind, unexpired, and its verifier matches. */
function findToken(tx: Tx | ReturnType<typeof getDb>, token: string, kind: "access" | "refresh", now: number) {
  const parts = splitLinkToken(token);
  if (!parts) return undefined;
  const row = tx
    .select({ id: t.id, credentialId: t.credentialId, verifierHash: t.verifierHash, kind: t.kind, expiresAt: t.expiresAt })
    .from(t)
    .where(eq(t.selector, parts.selector))
    .get();
  if (!row || row.kind !== kind || row.expiresAt <= now || !verifierMatches(parts.verifier, row.verifierHash)) return undefined;
  return row;
}

/**
 * Renews with a refresh token of this credential: the refresh token is spent
 * (good once) and a new pair issued, in one transaction.
 * @returns undefined when the refresh token is not a live one of this credential.
 */
export function refreshTokens({
  credentialId,
  refreshToken,
  now = clockNow(),
}: {
  credentialId: number;
  refreshToken: string;
  now?: number;
}): IssuedTokens | undefined {
  return writeTransaction((tx) => {
    const row = findToken(tx, refreshToken, "refresh", now);
    if (!row || row.credentialId !== credentialId) return undefined;
    tx.delete(t).where(eq(t.id, row.id)).run();
    return {
      accessToken: insertToken(tx, credentialId, "access", now),
      refreshToken: insertToken(tx, credentialId, "refresh", now),
      expiresIn: ACCESS_TOKEN_SECONDS,
    };
  });
}

/**
 * The API client an access token stands for: its credential (live: not
 * deleted, not expired), the credential's partner, role and customer scope.
 * @returns undefined for a token that is unknown, expired, forged, or whose
 * credential no longer works.
 */
export function clientForAccessToken(token: string, now = clockNow()): ApiClientActor | undefined {
  const row = findToken(getDb(), token, "access", now);
  if (!row) return undefined;
  const credential = getDb()
    .select({
      id: k.id,
      name: k.name,
      role: k.role,
      designatedAll: k.designatedAll,
      expiresAt: k.expiresAt,
      deletedAt: k.deletedAt,
      partnerId: schema.partners.id,
      partnerName: schema.partners.name,
      flexMsp: schema.partners.flexMsp,
      flexConnect: schema.partners.flexConnect,
    })
    .from(k)
    .innerJoin(schema.partners, eq(schema.partners.id, k.partnerId))
    .where(eq(k.id, row.credentialId))
    .get();
  if (!credential || !credentialLive(credential, now)) return undefined;
  return {
    kind: "apiClient",
    credential: { id: credential.id, name: credential.name, role: credential.role, designatedAll: credential.designatedAll },
    partner: { id: credential.partnerId, name: credential.partnerName, flexMsp: credential.flexMsp, flexConnect: credential.flexConnect },
    scope: {
      partnerId: credential.partnerId,
      userId: 0,
      credentialId: credential.id,
      all: seesAllCustomers(credential.role, credential.designatedAll),
    },
  };
}

/**
 * Counts one call of a credential in the current minute, in one statement
 * (so parallel calls in several workers each count), and writes `last used`
 * when it is older than LAST_USED_PRECISION_MS.
 * @returns the window's start and the calls counted in it, this one included.
 */
export function countApiCall({ credentialId, now = clockNow() }: { credentialId: number; now?: number }): {
  windowStartedAt: number;
  requests: number;
} {
  const db = getDb();
  const counted = db
    .insert(schema.apiRateLimits)
    .values({ credentialId, windowStartedAt: now, requests: 1 })
    .onConflictDoUpdate({
      target: schema.apiRateLimits.credentialId,
      set: {
        requests: sql`case when ${schema.apiRateLimits.windowStartedAt} <= ${now - RATE_LIMIT_WINDOW_MS} then 1 else ${schema.apiRateLimits.requests} + 1 end`,
        windowStartedAt: sql`case when ${schema.apiRateLimits.windowStartedAt} <= ${now - RATE_LIMIT_WINDOW_MS} then ${now} else ${schema.apiRateLimits.windowStartedAt} end`,
      },
    })
    .returning({ windowStartedAt: schema.apiRateLimits.windowStartedAt, requests: schema.apiRateLimits.requests })
    .get();
  db.update(k)
    .set({ lastUsedAt: now })
    .where(and(eq(k.id, credentialId), sql`coalesce(${k.lastUsedAt}, 0) <= ${now - LAST_USED_PRECISION_MS}`))
    .run();
  return counted;
}
