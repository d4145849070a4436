/**
 * The Partner API's rules (issue 21; docs/decisions/0028-partner-api.md and
 * 0029-api-tokens-and-rate-limit.md), pure: how long tokens live, how many
 * calls a credential makes a minute, how pages are asked for, which fields a
 * tenant has, and the four roles as the vendor's API names them.
 */
import { ROLES, type Role } from "../../lib/enums";

/** An access token is good for an hour (`expires_in` 3600), as the vendor's token service says. */
export const ACCESS_TOKEN_SECONDS = 3600;
/** A refresh token, for renewing without the secret's round trip, lives 30 days and is good once. */
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;
/** Calls one credential may make in a minute, across every worker. */
export const RATE_LIMIT_PER_MINUTE = 100;
export const RATE_LIMIT_WINDOW_MS = 60_000;
/** `last used` on the credentials page is written at most once a minute per credential. */
export const LAST_USED_PRECISION_MS = 60_000;

export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 100;

/** The fields of a tenant, in the order they are written: the vendor's, then ours. */
export const TENANT_FIELDS = [
  "id",
  "showAs",
  "name",
  "dataGeography",
  "dataRegion",
  "billingType",
  "partner",
  "apiHost",
  "status",
  "contact",
  "products",
  "licenses",
  "groups",
  "partnerAssistance",
  "managedOrder",
] as const;
export type TenantField = (typeof TENANT_FIELDS)[number];

/** The vendor's role ids are stable strings; ours are the role keys, written with hyphens. */
export function roleIdOf(role: Role): string {
  return role.replace("_", "-");
}

export function roleFromId(id: string): Role | undefined {
  return ROLES.find((role) => roleIdOf(role) === id);
}

/** A query's page, page size and pageTotal, read leniently: what is not a number falls back. */
export type PageRequest = { page: number; size: number; withTotal: boolean };

/** A problem with a query parameter, named for the 400 answer. */
export type ParameterProblem = { parameter: string; message: string };

function positiveInteger(raw: string | null): number | null | "invalid" {
  if (raw === null || raw === "") return null;
  if (!/^\d{1,9}$/.test(raw)) return "invalid";
  const value = Number(raw);
  return value >= 1 ? value : "invalid";
}

/**
 * `page` (from 1), `pageSize` (1 to PAGE_SIZE_MAX, PAGE_SIZE_DEFAULT when
 * absent) and `pageTotal` (true or false). A value that cannot be one is a
 * problem naming the parameter, never a guess.
 */
export function readPageRequest(query: URLSearchParams): PageRequest | ParameterProblem {
  const page = positiveInteger(query.get("page"));
  if (page === "invalid") return { parameter: "page", message: "page must be a whole number from 1" };
  const size = positiveInteger(query.get("pageSize"));
  if (size === "invalid" || (size !== null && size > PAGE_SIZE_MAX)) {
    return { parameter: "pageSize", message: `pageSize must be a whole number from 1 to ${PAGE_SIZE_MAX}` };
  }
  const total = query.get("pageTotal");
  if (total !== null && total !== "" && total !== "true" && total !== "false") {
    return { parameter: "pageTotal", message: "pageTotal must be true or false" };
  }
  return { page: page ?? 1, size: size ?? PAGE_SIZE_DEFAULT, withTotal: total === "true" };
}

/**
 * `fields=id,name,...`: the tenant fields to answer with (always with `id`);
 * every field when absent. An unknown name is a problem.
 */
export function readTenantFields(raw: string | null): Set<TenantField> | ParameterProblem {
  if (raw === null || raw.trim() === "") return new Set(TENANT_FIELDS);
  const names = raw.split(",").map((name) => name.trim()).filter((name) => name !== "");
  const unknown = names.find((name) => !(TENANT_FIELDS as readonly string[]).includes(name));
  if (unknown !== undefined) {
    return { parameter: "fields", message: `fields names an unknown field: ${unknown.slice(0, 40)}` };
  }
  return new Set<TenantField>(["id", ...(names as TenantField[])]);
}

/** The `pages` object of a list answer. */
export function pagesOf(request: PageRequest, total: number | null) {
  return {
    current: request.page,
    size: request.size,
    maxSize: PAGE_SIZE_MAX,
    ...(request.withTotal && total !== null ? { total: Math.max(1, Math.ceil(total / request.size)), items: total } : {}),
  };
}

/** Whether a credential with this expiry still works at `now`. */
export function credentialLive(credential: { expiresAt: number | null; deletedAt: number | null }, now: number): boolean {
  return credential.deletedAt === null && (credential.expiresAt === null || now < credential.expiresAt);
}

/**
 * The fixed-minute window of the rate limit: after this request, how many
 * calls were counted, and whether it is over the limit (with the seconds
 * until the window ends, for Retry-After).
 */
export function rateLimitVerdict(
  counted: { windowStartedAt: number; requests: number },
  now: number,
  limit = RATE_LIMIT_PER_MINUTE,
): { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number } {
  if (counted.requests <= limit) return { allowed: true, remaining: limit - counted.requests };
  const endsAt = counted.windowStartedAt + RATE_LIMIT_WINDOW_MS;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now) / 1000)) };
}
