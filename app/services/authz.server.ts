/**
 * The one guard (STYLE.md §3, docs/decisions/0003-authorization.md). Every
 * loader and action starts by calling exactly one of:
 *
 * - `requirePartnerUser(request, { can })`: a signed-in partner user whose role
 *   (and partner program) allows `can`; returns a `PartnerActor` with its
 *   partner and the customer scope that every customer query takes.
 * - `requireCentralAdmin(request)`: someone in a customer's Central Admin:
 *   its customer admin, or a partner user launched into it (F13); returns a
 *   `CustomerAdminActor` or a `LaunchedActor`, scoped to that one customer.
 * - `allowAnyone(request)`: a public page (sign-in, preferences); still
 *   refuses cross-site POSTs and tells who, if anyone, is signed in.
 * - `requireApiClient(request, { can })`: a Partner API call (issue 21) with
 *   a bearer token of a live credential whose role allows `can`; returns an
 *   `ApiClientActor` with the credential's partner, role and customer scope.
 *   It reads no cookie and sets none, and no cross-site check applies (no
 *   browser sends a bearer token on its own), so a session never authorizes
 *   an API call; a credential is no user, so no second-factor step applies.
 *   Every refusal is a JSON error of the API.
 * - `allowApiCall(request)`: the API's public addresses (the token endpoint,
 *   the OpenAPI document): only the body's limits, as JSON errors.
 * - `requireAccountHolder(request)`: "Your account" (issue 20): any signed-in
 *   user, partner user or customer admin, about its own account only.
 *
 * A partner user whose second factor must be set up (its partner requires
 * one, or a Super Admin reset it: `secondFactorSetupDue`) is sent to the
 * set-up by every guard but allowAnyone, until it is done; only the set-up
 * itself (`requireAccountHolder(request, { duringSecondFactorSetUp: true })`)
 * and the public pages (sign-out among them) let it through.
 *
 * Each first screens the request: a cross-site POST and a body over the
 * limits of every form are refused before anyone is looked up (decision 0021).
 *
 * tests/integration/guard-coverage.test.ts fails when a route does not.
 */
import { redirect } from "react-router";
import type { Actor, ApiClientActor, CustomerAdminActor, LaunchedActor, PartnerActor } from "~/domain/actor";
import { seesAllCustomers } from "~/domain/actor";
import { whyNot, type Permission } from "~/domain/permissions";
import { assertSameOrigin } from "./csrf.server";
import { forbidden } from "./http.server";
import { screenBody } from "./request-body.server";
import { getSession, hasSessionCookie, endSession, setLaunchedCustomer, type AppSession } from "./session.server";
import { setFlash } from "./preferences.server";
import { getUserForSession, type CustomerAdminRecord, type PartnerUserRecord } from "~/models/users.server";
import { checkLaunch, type LaunchCheck } from "~/models/launch.server";
import { apiError, asApiError, authenticateApiClient } from "./partner-api.server";

export type { Actor, ApiClientActor, CustomerAdminActor, LaunchedActor, PartnerActor };

/**
 * What every guard refuses before it looks at who is asking: a form sent from
 * another site (403), and a body over the limits of every form (413, or 400
 * for a malformed form; request-body.server.ts).
 */
async function screen(request: Request): Promise<void> {
  assertSameOrigin(request);
  await screenBody(request);
}

async function signedIn(request: Request): Promise<{ session: AppSession; user?: PartnerUserRecord | CustomerAdminRecord }> {
  const session = await getSession(request);
  const userId = session.get("userId");
  return { session, user: userId ? getUserForSession(userId) : undefined };
}

/**
 * Sends a signed-out visitor to sign-in, coming back here afterwards. A cookie
 * that named no live session (tampered, expired, signed out elsewhere) is
 * cleared, and the sign-in page says the session ended.
 */
const MAX_RETURN_ADDRESS = 2_000;

async function toSignIn(request: Request): Promise<never> {
  const url = new URL(request.url);
  // A very long address comes back without its query: the Location header
  // must stay well inside what browsers and proxies accept.
  const full = url.pathname + url.search;
  const back = request.method === "GET" && full.length <= MAX_RETURN_ADDRESS ? full : url.pathname.slice(0, MAX_RETURN_ADDRESS);
  const headers = new Headers();
  if (hasSessionCookie(request)) {
    headers.append("Set-Cookie", await endSession(request));
    headers.append("Set-Cookie", await setFlash(request, { key: "signIn.sessionEnded" }));
  }
  throw redirect(`/sign-in?redirectTo=${encodeURIComponent(back)}`, { headers });
}

/** Where a user whose second factor must be set up is sent (issue 20). */
export const SECOND_FACTOR_SETUP_PATH = "/account/second-factor";

/** Sends a partner user who must set up a second factor to the set-up, whatever it asked for. */
function holdUntilSecondFactorSetUp(user: PartnerUserRecord | CustomerAdminRecord): void {
  if (user.kind === "partner" && user.secondFactorSetupDue) throw redirect(SECOND_FACTOR_SETUP_PATH);
}

/** The actor of a partner user record (the guard's, and the tests' way to act as one). */
export function partnerActor(user: PartnerUserRecord): PartnerActor {
  const { partner, kind: _kind, secondFactorSetupDue: _due, ...rest } = user;
  return {
    kind: "partner",
    user: rest,
    partner,
    scope: { partnerId: partner.id, userId: user.id, all: seesAllCustomers(user.role, user.designatedAll) },
  };
}

/**
 * @throws a redirect to sign-in when signed out; a 403 Response for a
 * customer admin, for a role (or partner program) that may not do `can`, or
 * for a cross-site POST; a 413 Response for a body over the limits of every
 * form (request-body.server.ts).
 */
export async function requirePartnerUser(
  request: Request,
  options: { can: Permission } = { can: "customers.view" },
): Promise<PartnerActor> {
  await screen(request);
  const { user } = await signedIn(request);
  if (!user) return toSignIn(request);
  if (user.kind !== "partner") throw forbidden();
  holdUntilSecondFactorSetUp(user);
  const missing = whyNot(user.role, user.partner, options.can);
  if (missing) throw forbidden(missing);
  return partnerActor(user);
}

/**
 * The actor in a customer's Central Admin: its customer admin, or a partner
 * user whose session was launched into that customer (`launchedCustomer`,
 * F13), narrowed to it. A launch is checked again at every request: when the
 * customer policy no longer allows it (the customer turned Partner Assistance
 * off) or the customer left the user's scope, the launch ends and the user is
 * sent back to the Partner Console with a message. A Read-only user's launch
 * is read-only: any request but GET is refused. ("Back to Partner Console" is
 * a Partner Console action, guarded by requirePartnerUser.)
 *
 * @throws a redirect to sign-in when signed out; a redirect to the Partner
 * Console when a launch no longer holds; a 403 Response for a partner user
 * who is not launched into a customer, for a Read-only launched user's POST,
 * or for a cross-site POST; a 413 Response for a body over the limits.
 */
export async function requireCentralAdmin(request: Request): Promise<CustomerAdminActor | LaunchedActor> {
  await screen(request);
  const { session, user } = await signedIn(request);
  if (!user) return toSignIn(request);
  if (user.kind === "customer") {
    const { customer, kind: _kind, ...rest } = user;
    return {
      kind: "customerAdmin",
      user: rest,
      customer,
      scope: { partnerId: customer.partnerId, userId: user.id, all: true, customerId: customer.id },
    };
  }
  const launched = session.get("launchedCustomer");
  if (!launched) throw forbidden();
  holdUntilSecondFactorSetUp(user);
  const partner = partnerActor(user);
  const check = checkLaunch({ actor: partner, customerId: launched.id });
  if (check.status !== "allowed") throw await launchEnded(request, launched, check);
  const actor: LaunchedActor = {
    kind: "launched",
    user: partner.user,
    partner: partner.partner,
    customer: { id: launched.id, partnerId: partner.partner.id, name: check.name },
    scope: { ...partner.scope, customerId: launched.id },
    readOnly: check.readOnly,
  };
  const safe = request.method === "GET" || request.method === "HEAD";
  if (actor.readOnly && !safe) throw forbidden("role");
  return actor;
}

/**
 * Ends a launch that no longer holds and sends the user back to the Partner
 * Console: the customer's details when it can still see the customer, else
 * the list, with a message saying why.
 */
async function launchEnded(
  request: Request,
  launched: { id: number; name: string },
  check: Exclude<LaunchCheck, { status: "allowed" }>,
): Promise<Response> {
  const headers = new Headers();
  headers.append("Set-Cookie", await setLaunchedCustomer(request, null));
  const off = check.status === "refused" && check.reason === "assistance.off";
  headers.append(
    "Set-Cookie",
    await setFlash(request, { key: off ? "launch.ended.assistanceOff" : "launch.ended.gone", vars: { customer: launched.name } }),
  );
  return redirect(check.status === "not_found" ? "/customers" : `/customers/${launched.id}`, { headers });
}

/** A partner user's launch into a customer's Central Admin, as the frame shows it (F13). */
export type Launch = { customer: { id: number; name: string }; readOnly: boolean };

/** The launch the session holds, when it still holds (the same check as requireCentralAdmin's). */
function launchOf(session: AppSession, user: PartnerUserRecord | CustomerAdminRecord | undefined): Launch | null {
  const launched = session.get("launchedCustomer");
  if (!launched || user?.kind !== "partner") return null;
  const check = checkLaunch({ actor: partnerActor(user), customerId: launched.id });
  if (check.status !== "allowed") return null;
  return { customer: { id: launched.id, name: check.name }, readOnly: check.readOnly };
}

/**
 * For public pages (and the frame). Tells who, if anyone, is signed in, and
 * the customer console a partner user is launched into, if any.
 * @throws a 403 Response for a cross-site POST; a 413 Response for a body
 * over the limits of every form.
 */
export async function allowAnyone(
  request: Request,
): Promise<{ user: PartnerUserRecord | CustomerAdminRecord | null; launch: Launch | null }> {
  await screen(request);
  const { session, user } = await signedIn(request);
  return { user: user ?? null, launch: launchOf(session, user) };
}

/** The signed-in user of "Your account", with the partner its activity rows belong to. */
export type AccountHolder = { user: PartnerUserRecord | CustomerAdminRecord; partnerId: number };

/**
 * "Your account" (issue 20): any signed-in user, partner user or customer
 * admin, acting on its own account only. A user whose second factor must be
 * set up is sent to the set-up unless this is it (`duringSecondFactorSetUp`).
 *
 * @throws a redirect to sign-in when signed out, or to the second factor's
 * set-up; a 403 Response for a cross-site POST; a 413 Response for a body
 * over the limits of every form.
 */
export async function requireAccountHolder(
  request: Request,
  options: { duringSecondFactorSetUp?: boolean } = {},
): Promise<AccountHolder> {
  await screen(request);
  const { user } = await signedIn(request);
  if (!user) return toSignIn(request);
  if (!options.duringSecondFactorSetUp) holdUntilSecondFactorSetUp(user);
  return { user, partnerId: user.kind === "partner" ? user.partner.id : user.customer.partnerId };
}

/** Where a user lands after sign-in, and where "/" sends them. */
export function homeFor(user: { kind: "partner" | "customer" }): string {
  return user.kind === "partner" ? "/customers" : "/central";
}

/** The body's limits for an API call, refused as JSON errors of the API (413, 400). */
async function screenApiBody(request: Request): Promise<void> {
  try {
    await screenBody(request);
  } catch (thrown) {
    throw asApiError(request, thrown);
  }
}

/**
 * A Partner API call by a live credential (issue 21). With `partnerHeader`
 * (every `/partner/v1/` address), the `X-Partner-ID` header must name the
 * credential's own partner.
 * @throws JSON errors of the API: 401 without a live bearer token, 429 over
 * the credential's rate limit, 403 for another partner's id in X-Partner-ID
 * or a role (or partner program) that may not do `can`, 413/400 for a body
 * over the limits.
 */
export async function requireApiClient(
  request: Request,
  options: { can: Permission; partnerHeader?: boolean },
): Promise<ApiClientActor> {
  await screenApiBody(request);
  const client = authenticateApiClient(request);
  if (options.partnerHeader) {
    const given = request.headers.get("x-partner-id");
    if (given === null || given.trim() === "") {
      throw apiError(request, 403, "Send X-Partner-ID with your partner id (GET /whoami/v1 tells it).");
    }
    if (given.trim() !== String(client.partner.id)) {
      throw apiError(request, 403, "X-Partner-ID is not the partner of this credential.");
    }
  }
  const missing = whyNot(client.credential.role, client.partner, options.can);
  if (missing === "role") throw apiError(request, 403, "This credential's role may not do this.");
  if (missing) throw apiError(request, 403, "Your partner's programs do not include this (Partner Flex MSP).");
  return client;
}

/**
 * The API's public addresses: the token endpoint (its client authenticates
 * in the body) and the OpenAPI document. No cookie, no cross-site check.
 * @throws a 413 or 400 JSON error for a body over the limits.
 */
export async function allowApiCall(request: Request): Promise<void> {
  await screenApiBody(request);
}

/**
 * Where a sign-in ends: the page asked for before it (a partner's for
 * partner pages, a customer admin's for Central Admin), else the user's home.
 */
export function signInTarget({ kind, redirectTo }: { kind: "partner" | "customer"; redirectTo: string | null }): string {
  const fits = redirectTo !== null && (kind === "customer") === redirectTo.startsWith("/central");
  return fits && redirectTo ? redirectTo : homeFor({ kind });
}
