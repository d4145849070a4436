/**
 * Calling the Partner API (issue 21) in integration tests, the way React
 * Router calls a resource route: the address is matched against the app's
 * route table, then the leaf's loader (GET, HEAD) or action (anything else)
 * runs with a real Request, and whatever it returns or throws is the answer.
 *
 * Every answer is checked on the way: no Set-Cookie, JSON, and its body
 * valid against the schema the OpenAPI document (GET /partner/v1/openapi.json)
 * gives for that address, method and status, with Ajv (JSON Schema 2020-12,
 * the dialect of OpenAPI 3.1; docs/decisions/0028-partner-api.md). An
 * answer the document does not describe fails the test.
 */
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { openApiDocument } from "~/services/openapi.server";
import { hashClientSecret, mintClientSecret } from "~/services/partner-api.server";
import { createCredential, newClientId } from "~/models/api-credentials.server";
import type { CustomerAccess } from "~/domain/user-policy";
import type { Role } from "../../lib/enums";
import { importRoute, matchPath } from "./routes";
import { partnerActorFor } from "./db";
import { ORIGIN } from "./http";

type Schema = Record<string, unknown>;

/** The document's schema refs ("#/components/schemas/X") pointed at the one schema Ajv holds them in. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === "$ref" && typeof inner === "string" ? inner.replace("#/components/schemas/", "https://partner-console.test/openapi#/$defs/") : rewriteRefs(inner),
    ]),
  );
}

const documentObject = JSON.parse(JSON.stringify(openApiDocument())) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
};

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema({ $id: "https://partner-console.test/openapi", $defs: rewriteRefs(documentObject.components.schemas) as Schema });

const compiled = new Map<string, ValidateFunction>();

/** The document's path template an address falls under ("/partner/v1/tenants/{tenantId}"), or null. */
function templateOf(pathname: string): string | null {
  for (const template of Object.keys(documentObject.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+").replace(/\./g, "\\.")}$`);
    if (pattern.test(pathname)) return template;
  }
  return null;
}

/**
 * Fails unless the document describes this answer and the body fits its
 * schema. An address the document does not have (the API's 404 for any
 * other address) must answer with its Error schema; pipeline-level answers
 * (405 for methods the server refuses outright) too.
 */
export function expectDescribedByOpenApi(method: string, pathname: string, status: number, body: unknown): void {
  const template = templateOf(pathname);
  let schema: Schema | undefined;
  let key: string;
  if (template === null) {
    expect([401, 404, 405, 429], `${method} ${pathname}: an address the API does not have`).toContain(status);
    key = "Error";
    schema = { $ref: "https://partner-console.test/openapi#/$defs/Error" };
  } else {
    const operation = documentObject.paths[template]![method.toLowerCase()];
    if (!operation) {
      // A method the address does not have: the 405 in the API's error shape.
      expect(status, `${method} ${pathname}`).toBe(405);
      key = "Error";
      schema = { $ref: "https://partner-console.test/openapi#/$defs/Error" };
    } else {
      const response = operation.responses[String(status)];
      expect(response, `the OpenAPI document describes ${status} for ${method} ${template}`).toBeDefined();
      key = `${method} ${template} ${status}`;
      schema = rewriteRefs(response!.content?.["application/json"]?.schema) as Schema | undefined;
    }
  }
  expect(schema, `a JSON schema for ${key}`).toBeDefined();
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema!);
    compiled.set(key, validate);
  }
  const valid = validate(body);
  expect(valid, `${method} ${pathname} ${status} against the OpenAPI document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`).toBe(true);
}

// The body is checked against the OpenAPI document before a test reads it: tests read it freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiAnswer = { status: number; headers: Headers; body: any };

export type ApiCallOptions = {
  token?: string;
  /** X-Partner-ID; left out when undefined. */
  partnerId?: string | number;
  json?: unknown;
  /** A raw body with its Content-Type. */
  raw?: { body: string; type: string };
  form?: Record<string, string>;
  headers?: Record<string, string>;
  context?: { clientAddress?: string | null };
};

/** Calls the API as React Router would a resource route, and checks the answer (see above). */
export async function apiCall(method: string, path: string, options: ApiCallOptions = {}): Promise<ApiAnswer> {
  const url = new URL(path, ORIGIN);
  const headers = new Headers({ Host: url.host, ...options.headers });
  if (options.token) headers.set("Authorization", `Bearer ${options.token}`);
  if (options.partnerId !== undefined) headers.set("X-Partner-ID", String(options.partnerId));
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers.set("Content-Type", "application/json");
  } else if (options.form) {
    body = new URLSearchParams(options.form).toString();
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  } else if (options.raw) {
    body = options.raw.body;
    headers.set("Content-Type", options.raw.type);
  }
  const request = new Request(url, { method, headers, body });
  const matches = matchPath(url.pathname);
  if (!matches) throw new Error(`No route matches ${path}`);
  const leaf = matches.at(-1)!;
  const module = (await importRoute(leaf.id)) as {
    loader?: (args: object) => Promise<unknown>;
    action?: (args: object) => Promise<unknown>;
  };
  const run = method === "GET" || method === "HEAD" ? module.loader : module.action;
  if (!run) throw new Error(`${leaf.id} answers no ${method}`);
  let result: unknown;
  try {
    result = await run({ request, params: leaf.params, context: options.context ?? {} });
  } catch (thrown) {
    result = thrown;
  }
  expect(result, `${method} ${path} answers with a Response (a resource route)`).toBeInstanceOf(Response);
  const response = result as Response;
  expect(response.headers.get("Set-Cookie"), `${method} ${path} sets no cookie`).toBeNull();
  expect(response.headers.get("Content-Type") ?? "", `${method} ${path} answers JSON`).toMatch(/^application\/json/);
  const parsed = await response.json();
  expectDescribedByOpenApi(method, url.pathname, response.status, parsed);
  return { status: response.status, headers: response.headers, body: parsed };
}

export type TestCredential = { credentialId: number; clientId: string; secret: string };

/** A credential added as the console's page adds one, by a Super Admin of the partner. */
export async function addCredential({
  by,
  name,
  role,
  access = { all: true },
  expiresAt = null,
}: {
  by: string;
  name: string;
  role: Role;
  access?: CustomerAccess;
  expiresAt?: number | null;
}): Promise<TestCredential> {
  const secret = mintClientSecret();
  const clientId = newClientId();
  const outcome = createCredential({
    actor: partnerActorFor(by),
    name,
    role,
    access,
    expiresAt,
    clientId,
    secretHash: await hashClientSecret(secret),
  });
  if (outcome.status !== "created") throw new Error(`credential ${name} not created: ${outcome.status}`);
  return { credentialId: outcome.credentialId, clientId, secret };
}

/** An access token (and refresh token) for a credential, through the token endpoint. */
export async function tokenFor(credential: TestCredential): Promise<{ access: string; refresh: string }> {
  const answer = await apiCall("POST", "/api/v2/oauth2/token", {
    form: { grant_type: "client_credentials", client_id: credential.clientId, client_secret: credential.secret, scope: "token" },
  });
  expect(answer.status).toBe(200);
  return { access: answer.body.access_token, refresh: answer.body.refresh_token };
}
