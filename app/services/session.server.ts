import crypto from "node:crypto";
import { createCookie, createSessionStorage, type Cookie, type Session } from "react-router";
import { eq, lt } from "drizzle-orm";
import { getDb, prepared, schema } from "~/db.server";
import { getSessionSecret } from "./env.server";
import { isHttps } from "./request.server";
import { currentRequestScope } from "./request-scope.server";
import { now as clockNow } from "~/utils/clock";
import { recordSignIn } from "~/models/users.server";

/** A session ends after this long without a request... */
export const IDLE_LIFETIME_MS = 2 * 60 * 60 * 1000;
/** ...and in any case this long after sign-in. */
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;

export type SessionData = {
  /** The signed-in user; absent while a sign-in waits for its verification code. */
  userId?: number;
  /** A partner user launched into this customer's Central Admin (F13). */
  launchedCustomer?: { id: number; name: string };
  /**
   * A sign-in whose password was right and whose verification code is still
   * to come (issue 20, docs/decisions/0027): not a signed-in session, the
   * guard sees nobody; the code step (/sign-in/verify) reads it.
   */
  pendingSignIn?: PendingSignIn;
};

/** What the verification code step needs to finish a sign-in. */
export type PendingSignIn = { userId: number; kind: "partner" | "customer"; redirectTo: string | null; expiresAt: number };

/** How long the verification code step waits after the password. */
export const PENDING_SIGN_IN_LIFETIME_MS = 10 * 60 * 1000;
export type AppSession = Session<SessionData>;

const COOKIE_NAME = "pc_session";

/**
 * What the sessions table keys a session by: the SHA-256 of the id in the
 * cookie, never the id itself, so a copy of the database (a backup, a leaked
 * file) hands out no live session. The id is 256 random bits: a fast hash is
 * enough, there is nothing to guess.
 */
export function sessionIdHash(id: string): string {
  return crypto.createHash("sha256").update(id).digest("hex");
}

/** The key of a session's data in the request scope (request-scope.server.ts). */
function scopeKey(idHash: string): string {
  return `session:${idHash}`;
}

const READ_SESSION =
  "select data, expires_at as expiresAt, absolute_expires_at as absoluteExpiresAt from sessions where id_hash = ?";

/**
 * A live session's data as JSON, or null. Ends a session past its lifetime,
 * and slides the idle expiry, but writes at most once per half idle period
 * rather than on every request.
 */
function readLiveSession(idHash: string): string | null {
  const db = getDb();
  // Every request reads its session: fixed SQL compiled once (db.server.ts, `prepared`).
  const row = prepared(READ_SESSION).get(idHash) as
    | { data: string; expiresAt: number; absoluteExpiresAt: number }
    | undefined;
  if (!row) return null;
  const now = clockNow();
  if (row.expiresAt <= now || row.absoluteExpiresAt <= now) {
    db.delete(schema.sessions).where(eq(schema.sessions.idHash, idHash)).run();
    return null;
  }
  if (row.expiresAt - now < IDLE_LIFETIME_MS / 2) {
    db.update(schema.sessions)
      .set({ expiresAt: Math.min(now + IDLE_LIFETIME_MS, row.absoluteExpiresAt) })
      .where(eq(schema.sessions.idHash, idHash))
      .run();
  }
  return row.data;
}

/**
 * Server-side sessions (docs/decisions/0002-sessions-and-sign-in.md): the
 * cookie holds only a random id, signed; the data lives in the sessions table
 * under the id's hash, so deleting the row ends the session for good.
 *
 * A request reads its session once, however many loaders (the root's, the
 * page's) ask: the data read is kept in the request's scope, and forgotten
 * there whenever this request changes or ends the session.
 */
function makeStorage(secure: boolean) {
  const cookie = createCookie(COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    secrets: [getSessionSecret()],
    // No maxAge: the browser forgets the id when it closes; the server
    // enforces the idle and absolute lifetimes.
  });
  return createSessionStorage<SessionData>({
    cookie: verifiedOnce(cookie),
    async createData(data) {
      const id = crypto.randomBytes(32).toString("base64url");
      const now = clockNow();
      getDb()
        .insert(schema.sessions)
        .values({
          idHash: sessionIdHash(id),
          data: JSON.stringify(data),
          createdAt: now,
          expiresAt: now + IDLE_LIFETIME_MS,
          absoluteExpiresAt: now + ABSOLUTE_LIFETIME_MS,
        })
        .run();
      return id;
    },
    async readData(id) {
      const idHash = sessionIdHash(id);
      const scope = currentRequestScope();
      const key = scopeKey(idHash);
      let json: string | null;
      if (scope?.has(key)) {
        json = scope.get(key) as string | null;
      } else {
        json = readLiveSession(idHash);
        scope?.set(key, json);
      }
      // Parsed for each caller: no two callers share (and could change) one object.
      return json === null ? null : (JSON.parse(json) as SessionData);
    },
    async updateData(id, data) {
      const idHash = sessionIdHash(id);
      currentRequestScope()?.delete(scopeKey(idHash));
      getDb()
        .update(schema.sessions)
        .set({ data: JSON.stringify(data) })
        .where(eq(schema.sessions.idHash, idHash))
        .run();
    },
    async deleteData(id) {
      const idHash = sessionIdHash(id);
      currentRequestScope()?.delete(scopeKey(idHash));
      getDb().delete(schema.sessions).where(eq(schema.sessions.idHash, idHash)).run();
    },
  });
}

/**
 * The session cookie, its signature checked once for each cookie a browser
 * sends rather than on every read: React Router checks it with WebCrypto, a
 * key import and an HMAC each time, the largest single cost of a signed-in
 * request after rendering (about 0.5 ms of CPU, docs/performance.md). Only a
 * cookie whose signature was good is kept (its id still has to name a live
 * session, which readData checks on every request), at most
 * `VERIFIED_COOKIES_KEPT` of them, the oldest forgotten first; anything
 * else goes to React Router's cookie as it is.
 */
const VERIFIED_COOKIES_KEPT = 2_000;

function verifiedOnce(cookie: Cookie): Cookie {
  const verified = new Map<string, ReturnType<Cookie["parse"]>>();
  return {
    get name() {
      return cookie.name;
    },
    get isSigned() {
      return cookie.isSigned;
    },
    get expires() {
      return cookie.expires;
    },
    serialize: (value, options) => cookie.serialize(value, options),
    parse(header, options) {
      if (!header || options) return cookie.parse(header, options);
      const known = verified.get(header);
      if (known) return known;
      const parsed = cookie.parse(header);
      verified.set(header, parsed);
      if (verified.size > VERIFIED_COOKIES_KEPT) verified.delete(verified.keys().next().value!);
      // A cookie without a good signature (or without this cookie) is not kept.
      void parsed.then(
        (value) => value || verified.delete(header),
        () => verified.delete(header),
      );
      return parsed;
    },
  };
}

let storages: { plain: ReturnType<typeof makeStorage>; secure: ReturnType<typeof makeStorage> };

/** The storage for this request: its cookie is Secure whenever the site is served over HTTPS. */
export function sessionStorageFor(request: Request) {
  storages ??= { plain: makeStorage(false), secure: makeStorage(true) };
  return isHttps(request) ? storages.secure : storages.plain;
}

export function hasSessionCookie(request: Request): boolean {
  return (request.headers.get("cookie") ?? "").includes(`${COOKIE_NAME}=`);
}

export async function getSession(request: Request): Promise<AppSession> {
  return sessionStorageFor(request).getSession(request.headers.get("cookie"));
}

/**
 * Starts a fresh session for a user who just signed in: any session the
 * browser had is deleted first, so a session id known before sign-in is
 * worthless after it (session fixation).
 */
export async function startSession(request: Request, userId: number): Promise<string> {
  const storage = sessionStorageFor(request);
  const old = await storage.getSession(request.headers.get("cookie"));
  if (old.id) await storage.destroySession(old);
  const session = await storage.getSession();
  session.set("userId", userId);
  // The Users page's "Last sign-in" (issue 20).
  recordSignIn({ userId });
  return storage.commitSession(session);
}

/**
 * Begins a sign-in whose password was right and that now waits for a
 * verification code (issue 20): a fresh session (any earlier one is deleted,
 * as at sign-in) holding only the pending sign-in, no user. Returns its
 * Set-Cookie.
 */
export async function startPendingSignIn(
  request: Request,
  pending: Omit<PendingSignIn, "expiresAt">,
  now = clockNow(),
): Promise<string> {
  const storage = sessionStorageFor(request);
  const old = await storage.getSession(request.headers.get("cookie"));
  if (old.id) await storage.destroySession(old);
  const session = await storage.getSession();
  session.set("pendingSignIn", { ...pending, expiresAt: now + PENDING_SIGN_IN_LIFETIME_MS });
  return storage.commitSession(session);
}

/** The sign-in waiting for its verification code in this browser, while it has not expired. */
export async function getPendingSignIn(request: Request, now = clockNow()): Promise<PendingSignIn | null> {
  const pending = (await getSession(request)).get("pendingSignIn");
  if (!pending || typeof pending.userId !== "number" || pending.expiresAt <= now) return null;
  return pending;
}

/** The customer whose Central Admin this session is launched into (F13), if any. */
export async function getLaunchedCustomer(request: Request): Promise<{ id: number; name: string } | null> {
  return (await getSession(request)).get("launchedCustomer") ?? null;
}

/**
 * Launches the signed-in partner user's session into one customer's Central
 * Admin (F13), or ends the launch (`null`). Only the session changes: the
 * launch lasts at most as long as the session, and ends with it at sign-out.
 * Returns the session's Set-Cookie (the same id; the data is on the server).
 */
export async function setLaunchedCustomer(
  request: Request,
  customer: { id: number; name: string } | null,
): Promise<string> {
  const storage = sessionStorageFor(request);
  const session = await storage.getSession(request.headers.get("cookie"));
  if (customer) session.set("launchedCustomer", { id: customer.id, name: customer.name });
  else session.unset("launchedCustomer");
  return storage.commitSession(session);
}

/** Ends the session on the server and returns the Set-Cookie that clears it. */
export async function endSession(request: Request): Promise<string> {
  const storage = sessionStorageFor(request);
  const session = await storage.getSession(request.headers.get("cookie"));
  return storage.destroySession(session);
}

/** Removes sessions past their lifetime (called now and then by the server). */
export function sweepExpiredSessions(now = clockNow()): number {
  return getDb().delete(schema.sessions).where(lt(schema.sessions.expiresAt, now)).run().changes;
}
