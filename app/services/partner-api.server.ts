/**
 * The Partner API's answers (issue 21; docs/decisions/0028-partner-api.md):
 * JSON for everything, errors in the vendor's shape `{ error, message,
 * correlationId, requestId, createdAt }`, no cookie ever, nothing cached.
 * And the token endpoint's work: client credentials and refresh tokens,
 * throttled like sign-in.
 */
import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { now as clockNow } from "~/utils/clock";
import { clientForAccessToken, countApiCall, findCredentialByClientId, issueTokens, refreshTokens, type IssuedTokens } from "~/models/api-credentials.server";
import { checkThrottle, forgiveThrottle, takeThrottledAttempt, type ThrottleKey } from "~/models/sign-in-throttles.server";
import type { ApiClientActor } from "~/domain/actor";
import { rateLimitVerdict, roleIdOf, TENANT_FIELDS, type TenantField } from "~/domain/partner-api";
import { seesAllCustomers } from "~/domain/actor";
import type { AdminRecord, TenantRecord } from "~/models/partner-api.server";
import { createTranslator } from "~/i18n/translate";
import { shownName } from "../../lib/text";
import { ROLES, type Role } from "../../lib/enums";
import { COUNTRY_CODES } from "~/schemas/new-customer";
import { readForm, readJson } from "./request-body.server";
import { mailSettingsFromEnv } from "./mail.server";

/** The paths the API answers under: never a page, never a cookie, never the cross-site check. */
export const API_PATH_PREFIXES = ["/api/v2/", "/whoami/v1", "/partner/v1/"] as const;

export function isApiPath(pathname: string): boolean {
  return API_PATH_PREFIXES.some((prefix) => pathname === prefix.replace(/\/$/, "") || pathname.startsWith(prefix));
}

export const API_ERRORS = {
  400: "badRequest",
  401: "unauthorized",
  403: "forbidden",
  404: "notFound",
  405: "methodNotAllowed",
  413: "payloadTooLarge",
  415: "unsupportedMediaType",
  429: "tooManyRequests",
  500: "internalServerError",
} as const;
export type ApiErrorStatus = keyof typeof API_ERRORS;

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The client's X-Correlation-ID when it is a sane one, else this request's id. */
function correlationIdOf(request: Request | null, requestId: string): string {
  const given = request?.headers.get("x-correlation-id");
  return given && CORRELATION_ID.test(given) ? given : requestId;
}

const apiAnswers = new WeakSet<Response>();

const NO_STORE = { "Cache-Control": "no-store" };

/** A JSON answer of the API. */
export function apiJson(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(data, { status: init.status ?? 200, headers: { ...NO_STORE, ...init.headers } });
}

/** An error of the API, in the vendor's shape; `extra` adds fields (the token endpoint's errorCode). */
export function apiError(
  request: Request | null,
  status: ApiErrorStatus,
  message: string,
  { headers, extra }: { headers?: Record<string, string>; extra?: Record<string, string> } = {},
): Response {
  const requestId = crypto.randomUUID();
  const response = apiJson(
    {
      error: API_ERRORS[status],
      message,
      correlationId: correlationIdOf(request, requestId),
      requestId,
      createdAt: new Date(clockNow()).toISOString(),
      ...extra,
    },
    { status, headers: status === 401 ? { "WWW-Authenticate": 'Bearer realm="partner-api"', ...headers } : headers },
  );
  apiAnswers.add(response);
  return response;
}

/** The 404 of an address of the API's hosts that no route answers. */
export function unknownApiAddress(request: Request): Response {
  return apiError(request, 404, "No such address in the Partner API (GET /partner/v1/openapi.json lists them).");
}

const PLAIN_MESSAGES: Partial<Record<number, string>> = {
  400: "The request body is not valid JSON or form data.",
  403: "Forbidden.",
  404: "Not found.",
  413: "The request body is larger than 64 KB.",
  415: "The request body must be application/json.",
};

/**
 * Whatever was thrown while answering, as an API error: an API error as it
 * is; a plain refusal of the body readers (400, 413, 415) in the API's
 * shape; anything else a 500 (logged, without the request's body).
 */
export function asApiError(request: Request, thrown: unknown): Response {
  if (thrown instanceof Response) {
    if (apiAnswers.has(thrown)) return thrown;
    const status = thrown.status as ApiErrorStatus;
    if (status in API_ERRORS && status !== 500) return apiError(request, status, PLAIN_MESSAGES[status] ?? "Refused.");
  }
  console.error(`Partner API ${request.method} ${new URL(request.url).pathname} failed:`, thrown);
  return apiError(request, 500, "Something went wrong on our side. Try again later.");
}

/** Runs an API route's work and answers any failure as an API error. */
export async function answerApi(request: Request, work: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (thrown) {
    return asApiError(request, thrown);
  }
}

/** The 405 of an address that answers other methods, with Allow. */
export function methodNotAllowed(request: Request, allow: string): Response {
  return apiError(request, 405, `${request.method} is not allowed here; use ${allow}.`, { headers: { Allow: allow } });
}

/*
 * Bearer tokens and the rate limit (the guard, authz.server.ts, calls these).
 */

/** The bearer token of an Authorization header, or null. Cookies are never looked at. */
function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer[ ]+([^\s]{1,200})\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/**
 * The API client of the request's bearer token, counted against its rate limit.
 * @throws a 401 API error without a live token; a 429 with Retry-After over the limit.
 */
export function authenticateApiClient(request: Request): ApiClientActor {
  const token = bearerToken(request);
  if (!token) throw apiError(request, 401, "Send an access token: Authorization: Bearer <access_token>.");
  const now = clockNow();
  const client = clientForAccessToken(token, now);
  if (!client) throw apiError(request, 401, "The access token is not valid: it expired, or its credential was deleted or expired.");
  const verdict = rateLimitVerdict(countApiCall({ credentialId: client.credential.id, now }), now);
  if (!verdict.allowed) {
    throw apiError(request, 429, "Too many requests for this credential; wait and try again.", {
      headers: { "Retry-After": String(verdict.retryAfterSeconds) },
    });
  }
  return client;
}

/*
 * The token endpoint.
 */

/** A fresh client secret: 256 random bits, shown once. */
export function mintClientSecret(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** argon2id, as passwords are (auth.server.ts hashPassword). */
export function hashClientSecret(secret: string): Promise<string> {
  return hash(secret);
}

// Checked when the client id is unknown, so an unknown id takes as long as a wrong secret.
let dummyHash: Promise<string> | undefined;

const FIELD_MAX = 512;

/** The token request's fields, from a form or from JSON; strings only. */
async function tokenFields(request: Request): Promise<Record<string, string>> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const fields: Record<string, string> = {};
  if (type === "application/x-www-form-urlencoded" || type === "multipart/form-data") {
    const form = await readForm(request);
    for (const name of ["grant_type", "client_id", "client_secret", "scope", "refresh_token"]) {
      const value = form.get(name);
      if (typeof value === "string") fields[name] = value;
    }
    return fields;
  }
  const body = await readJson(request);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw apiError(request, 400, "The body must be a JSON object or a form.");
  }
  for (const [name, value] of Object.entries(body)) if (typeof value === "string") fields[name] = value;
  return fields;
}

function tokenFailure(request: Request, status: 400 | 401, errorCode: string, message: string): Response {
  return apiError(request, status, message, { extra: { errorCode, trackingId: crypto.randomUUID() } });
}

/** The throttle keys of a token request: the client id at this address, and the address. */
function tokenThrottleKeys(clientId: string, address: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `api-token:${clientId.slice(0, 100)}|${address ?? "unknown"}`, free: 5 }];
  if (address) keys.push({ key: `api-token-address:${address}`, free: 20 });
  return keys;
}

/**
 * `POST /api/v2/oauth2/token`: client credentials, or a refresh token (with
 * the client's id and secret), for a new access and refresh token. Wrong or
 * expired credentials are a 401 and count against the client id at the
 * address and the address, as failed sign-ins do; past the free attempts,
 * a 429 with Retry-After.
 */
export async function answerTokenRequest(request: Request, clientAddress: string | null): Promise<Response> {
  const fields = await tokenFields(request);
  const grant = fields.grant_type;
  if (grant !== "client_credentials" && grant !== "refresh_token") {
    return tokenFailure(request, 400, "unsupported_grant_type", "grant_type must be client_credentials or refresh_token.");
  }
  if (fields.scope !== undefined && fields.scope !== "token") {
    return tokenFailure(request, 400, "invalid_scope", "scope must be token.");
  }
  const clientId = fields.client_id ?? "";
  const secret = fields.client_secret ?? "";
  if (clientId === "" || secret === "") {
    return tokenFailure(request, 400, "invalid_request", "client_id and client_secret are required.");
  }
  if (grant === "refresh_token" && !fields.refresh_token) {
    return tokenFailure(request, 400, "invalid_request", "refresh_token is required with grant_type refresh_token.");
  }
  const keys = tokenThrottleKeys(clientId, clientAddress);
  const waitMs = checkThrottle(keys);
  if (waitMs > 0) {
    return apiError(request, 429, "Too many failed attempts for this client; wait and try again.", {
      headers: { "Retry-After": String(Math.ceil(waitMs / 1000)) },
    });
  }
  const credential = clientId.length <= FIELD_MAX ? findCredentialByClientId(clientId) : undefined;
  dummyHash ??= hash("no such client: a dummy secret to verify against");
  const secretOk =
    secret.length <= FIELD_MAX && (await verify(credential?.secretHash ?? (await dummyHash), secret).catch(() => false));
  if (!credential || !secretOk || !credential.live) {
    takeThrottledAttempt(keys);
    return tokenFailure(request, 401, "invalid_client", "The client id or secret is wrong, or the credential expired or was deleted.");
  }
  let tokens: IssuedTokens | undefined;
  if (grant === "client_credentials") tokens = issueTokens({ credentialId: credential.id });
  else tokens = refreshTokens({ credentialId: credential.id, refreshToken: fields.refresh_token! });
  if (!tokens) {
    takeThrottledAttempt(keys);
    return tokenFailure(request, 401, "invalid_grant", "The refresh token is not valid: it expired or was used already.");
  }
  forgiveThrottle(keys[0]!.key);
  return apiJson({
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    token_type: "bearer",
    expires_in: tokens.expiresIn,
    errorCode: "success",
    message: "OK",
    trackingId: crypto.randomUUID(),
  });
}

/** The public address of the API (PUBLIC_URL, else http://localhost:PORT, as mail links have): who am I and apiHost. */
export function publicUrl(): string {
  return mailSettingsFromEnv().publicUrl;
}

/*
 * The shapes of the API's answers.
 */

/** The vendor's data region of each data geography. */
const DATA_REGIONS: Record<string, string> = { US: "us01", IE: "eu01", DE: "eu02", CA: "ca01", AU: "au01", JP: "jp01" };

/** The console keeps a country's English name (customer-creation.server.ts): its ISO code, for the vendor's `countryCode`. */
let countryCodes: Map<string, string> | undefined;
function countryCodeOf(name: string): string | undefined {
  if (!countryCodes) {
    const english = createTranslator("en");
    countryCodes = new Map(COUNTRY_CODES.map((code) => [english(`lifecycle.country.${code}`), code]));
  }
  return countryCodes.get(name);
}

/** A tenant as the API answers it, with only the asked-for fields (always `id`). */
export function tenantJson(tenant: TenantRecord, fields: ReadonlySet<TenantField>, apiHost: string): Record<string, unknown> {
  const codes = [...new Set(tenant.licenses.map((license) => license.productCode))];
  const all: Record<TenantField, unknown> = {
    id: String(tenant.id),
    showAs: shownName(tenant),
    name: tenant.legalName,
    dataGeography: tenant.dataGeography,
    dataRegion: DATA_REGIONS[tenant.dataGeography] ?? tenant.dataGeography.toLowerCase(),
    billingType: tenant.billingType,
    partner: { id: String(tenant.partnerId) },
    apiHost,
    status: tenant.status,
    contact: {
      ...tenant.contact,
      address: { ...tenant.contact.address, ...withCountryCode(tenant.contact.address.country) },
    },
    products: codes.map((code) => ({ code })),
    licenses: tenant.licenses,
    groups: tenant.groups,
    partnerAssistance: tenant.partnerAssistance,
    managedOrder: tenant.managedOrder,
  };
  return Object.fromEntries(TENANT_FIELDS.filter((field) => fields.has(field)).map((field) => [field, all[field]]));
}

function withCountryCode(country: string): { countryCode?: string } {
  const code = countryCodeOf(country);
  return code ? { countryCode: code } : {};
}

/** A partner user as the API's admin. */
export function adminJson(admin: AdminRecord): Record<string, unknown> {
  const roleId = roleIdOf(admin.role);
  return {
    id: String(admin.id),
    username: admin.email,
    profile: { name: admin.name, firstName: admin.firstName, lastName: admin.lastName, email: admin.email },
    active: admin.status === "active",
    primary: admin.primary,
    roleAssignments: [
      {
        id: `${admin.id}-${roleId}`,
        roleId,
        scope: { type: seesAllCustomers(admin.role, admin.designatedAll) ? "partner" : "customers" },
      },
    ],
  };
}

const ROLE_DESCRIPTIONS: Record<Role, string> = {
  super_admin: "Everything, for all customers: users, groups, new customers, billing, unlinking and the activity log.",
  admin: "Designated customers: rename, request approval, launch, early access programs.",
  help_desk: "Designated customers: see them and launch them.",
  read_only: "Designated customers: see them, and launch them read-only.",
};

/** The four roles, as the vendor's predefined roles. */
export function rolesJson(): Record<string, unknown>[] {
  const english = createTranslator("en");
  return ROLES.map((role) => ({
    id: roleIdOf(role),
    name: english(`role.${role}`),
    description: ROLE_DESCRIPTIONS[role],
    type: "predefined",
    principalType: "user",
  }));
}
