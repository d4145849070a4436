/**
 * The one guard (STYLE.md §3, docs/decisions/0003-authorization.md). Every
 * loader and action starts by calling exactly one of:
 *
 * - `requirePartnerUser(request, { can })`: a signed-in partner user whose role
 *   (and partner program) allows `can`; returns the user, partner and the
 *   customer scope that every customer query takes.
 * - `requireCustomerAdmin(request)`: a signed-in customer admin (Central Admin).
 * - `allowAnyone(request)`: a public page (sign-in, preferences); still
 *   refuses cross-site POSTs and tells who, if anyone, is signed in.
 *
 * tests/integration/guard-coverage.test.ts fails when a route does not.
 */
import { redirect } from "@remix-run/node";
import { can, seesAllCustomers, type Permission } from "./permissions";
import { assertSameOrigin } from "./csrf.server";
import { getSession, hasSessionCookie, endSession } from "./session.server";
import { setFlash } from "./preferences.server";
import {
  getUserForSession,
  type CustomerAdminRecord,
  type PartnerUserRecord,
} from "~/models/users.server";
import type { CustomerScope } from "~/models/scope.server";

export type PartnerUserContext = {
  user: Omit<PartnerUserRecord, "partner" | "kind">;
  partner: PartnerUserRecord["partner"];
  scope: CustomerScope;
  /** The capability flags pages read: `permits("customer.rename")`. */
  permits: (permission: Permission) => boolean;
};

export type CustomerAdminContext = {
  user: Omit<CustomerAdminRecord, "customer" | "kind">;
  customer: CustomerAdminRecord["customer"];
};

async function signedInUser(request: Request) {
  const session = await getSession(request);
  const userId = session.get("userId");
  return userId ? getUserForSession(userId) : undefined;
}

/**
 * Sends a signed-out visitor to sign-in, coming back here afterwards. A cookie
 * that named no live session (tampered, expired, signed out elsewhere) is
 * cleared, and the sign-in page says the session ended.
 */
async function toSignIn(request: Request): Promise<never> {
  const url = new URL(request.url);
  const back = request.method === "GET" ? url.pathname + url.search : url.pathname;
  const headers = new Headers();
  if (hasSessionCookie(request)) {
    headers.append("Set-Cookie", await endSession(request));
    headers.append("Set-Cookie", await setFlash({ key: "signIn.sessionEnded" }));
  }
  throw redirect(`/sign-in?redirectTo=${encodeURIComponent(back)}`, { headers });
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

/** The request's form fields. @throws a 400 Response when the body is not a form. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("Bad Request", { status: 400 });
  }
}

export function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}

/**
 * @throws a redirect to sign-in when signed out; a 403 Response for a
 * customer admin, for a role that may not do `can`, or for a cross-site POST.
 */
export async function requirePartnerUser(
  request: Request,
  options: { can: Permission } = { can: "customers.view" },
): Promise<PartnerUserContext> {
  assertSameOrigin(request);
  const user = await signedInUser(request);
  if (!user) return toSignIn(request);
  if (user.kind !== "partner") throw forbidden();
  const programs = user.partner;
  if (!can(user.role, programs, options.can)) throw forbidden();
  const { partner, kind: _kind, ...rest } = user;
  return {
    user: rest,
    partner,
    scope: {
      partnerId: partner.id,
      userId: user.id,
      all: seesAllCustomers(user.role, user.designatedAll),
    },
    permits: (permission) => can(user.role, programs, permission),
  };
}

/**
 * @throws a redirect to sign-in when signed out; a 403 Response for a partner
 * user or a cross-site POST.
 */
export async function requireCustomerAdmin(request: Request): Promise<CustomerAdminContext> {
  assertSameOrigin(request);
  const user = await signedInUser(request);
  if (!user) return toSignIn(request);
  if (user.kind !== "customer") throw forbidden();
  const { customer, kind: _kind, ...rest } = user;
  return { user: rest, customer };
}

/** For public pages. @throws a 403 Response for a cross-site POST. */
export async function allowAnyone(
  request: Request,
): Promise<{ user: PartnerUserRecord | CustomerAdminRecord | null }> {
  assertSameOrigin(request);
  return { user: (await signedInUser(request)) ?? null };
}

/** Where a user lands after sign-in, and where "/" sends them. */
export function homeFor(user: { kind: "partner" | "customer" }): string {
  return user.kind === "partner" ? "/customers" : "/central";
}
