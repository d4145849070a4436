/**
 * The Partner API described (issue 21): the OpenAPI 3.1 document served at
 * `GET /partner/v1/openapi.json`. The integration tests validate it with
 * @seriousme/openapi-schema-validator and check every answer they get
 * against its schemas with Ajv (docs/decisions/0028-partner-api.md), so it
 * cannot drift from what the routes answer.
 */
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, TENANT_FIELDS } from "~/domain/partner-api";
import { ROLES } from "../../lib/enums";
import { roleIdOf } from "~/domain/partner-api";
import { DATA_GEOGRAPHIES } from "../../lib/enums";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ "application/json": { schema } });
const error = (description: string) => ({ description, content: json(ref("Error")) });

const partnerHeader = { $ref: "#/components/parameters/PartnerId" };
const paging = [
  { name: "page", in: "query", schema: { type: "integer", minimum: 1, default: 1 } },
  { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: PAGE_SIZE_MAX, default: PAGE_SIZE_DEFAULT } },
  {
    name: "pageTotal",
    in: "query",
    description: "true adds pages.total and pages.items",
    schema: { type: "boolean", default: false },
  },
];
const commonErrors = {
  "401": error("No valid access token (missing, expired, or its credential deleted or expired)."),
  "403": error("X-Partner-ID is missing or another partner's, or the credential's role may not do this."),
  "405": error("Method not allowed."),
  "429": {
    description: "Over the credential's rate limit.",
    headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds until calls are accepted again." } },
    content: json(ref("Error")),
  },
};

const nullableString = { type: "string" };

const OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "Partner Console: Partner API",
    version: "1.0.0",
    description:
      "The customers (tenants) and users (admins) of a partner, in the shape of the seed vendor's Partner API v1. " +
      "Get a token with the client credentials of an API credential (Partner Console > API credentials), then call " +
      "with Authorization: Bearer <access_token> and, under /partner/v1/, X-Partner-ID: <your partner id>.",
  },
  servers: [{ url: "/" }],
  security: [{ bearer: [] }],
  paths: {
    "/api/v2/oauth2/token": {
      post: {
        summary: "Get an access token (client credentials) or renew it (refresh token)",
        security: [],
        requestBody: {
          required: true,
          content: {
            "application/x-www-form-urlencoded": { schema: ref("TokenRequest") },
            "application/json": { schema: ref("TokenRequest") },
          },
        },
        responses: {
          "200": { description: "A new access token and refresh token.", content: json(ref("Token")) },
          "400": { description: "A field is missing or wrong.", content: json(ref("TokenError")) },
          "401": { description: "Wrong client id or secret, an expired or deleted credential, or a used refresh token.", content: json(ref("TokenError")) },
          "405": error("Method not allowed."),
          "413": error("The body is larger than 64 KB."),
          "415": error("The body is neither JSON nor a form."),
          "429": commonErrors["429"],
        },
      },
    },
    "/whoami/v1": {
      get: {
        summary: "Who the token acts for",
        responses: { "200": { description: "The partner.", content: json(ref("WhoAmI")) }, ...commonErrors },
      },
    },
    "/partner/v1/tenants": {
      get: {
        summary: "The tenants (customers) the credential may see",
        parameters: [
          partnerHeader,
          ...paging,
          {
            name: "fields",
            in: "query",
            description: `A comma-separated list of tenant fields to answer with (id always): ${TENANT_FIELDS.join(", ")}`,
            schema: { type: "string" },
          },
        ],
        responses: {
          "200": { description: "A page of tenants.", content: json(ref("TenantList")) },
          "400": error("A query parameter is wrong (it is named)."),
          ...commonErrors,
        },
      },
      post: {
        summary: "Create a trial, or a monthly (usage) account for a Partner Flex MSP partner",
        parameters: [partnerHeader],
        requestBody: { required: true, content: json(ref("NewTenant")) },
        responses: {
          "201": { description: "The new tenant.", content: json(ref("Tenant")) },
          "200": { description: "The same tenant was created moments ago by this credential (the request sent twice).", content: json(ref("Tenant")) },
          "400": error("A field is wrong (it is named)."),
          "413": error("The body is larger than 64 KB."),
          "415": error("The body is not JSON."),
          ...commonErrors,
        },
      },
    },
    "/partner/v1/tenants/{tenantId}": {
      get: {
        summary: "One tenant",
        parameters: [partnerHeader, { name: "tenantId", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": { description: "The tenant.", content: json(ref("Tenant")) },
          "400": error("fields names an unknown field."),
          "404": error("No such tenant for this credential."),
          ...commonErrors,
        },
      },
    },
    "/partner/v1/admins": {
      get: {
        summary: "The partner's users (Super Admin credentials)",
        parameters: [
          partnerHeader,
          ...paging,
          { name: "search", in: "query", description: "Part of a name or email", schema: { type: "string" } },
          { name: "email", in: "query", schema: { type: "string" } },
          { name: "roleId", in: "query", schema: { type: "string", enum: ROLES.map(roleIdOf) } },
        ],
        responses: {
          "200": { description: "A page of admins.", content: json(ref("AdminList")) },
          "400": error("A query parameter is wrong (it is named)."),
          ...commonErrors,
        },
      },
    },
    "/partner/v1/admins/{adminId}": {
      get: {
        summary: "One of the partner's users",
        parameters: [partnerHeader, { name: "adminId", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": { description: "The admin.", content: json(ref("Admin")) },
          "404": error("No such admin."),
          ...commonErrors,
        },
      },
    },
    "/partner/v1/roles": {
      get: {
        summary: "The four predefined roles",
        parameters: [partnerHeader],
        responses: { "200": { description: "The roles.", content: json(ref("RoleList")) }, ...commonErrors },
      },
    },
    "/partner/v1/openapi.json": {
      get: {
        summary: "This document",
        security: [],
        responses: { "200": { description: "The OpenAPI document.", content: json({ type: "object" }) } },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    parameters: {
      PartnerId: {
        name: "X-Partner-ID",
        in: "header",
        required: true,
        description: "Your partner's id (GET /whoami/v1).",
        schema: { type: "string" },
      },
    },
    schemas: {
      Error: {
        type: "object",
        required: ["error", "message", "correlationId", "requestId", "createdAt"],
        properties: {
          error: { type: "string" },
          message: { type: "string" },
          correlationId: { type: "string" },
          requestId: { type: "string", format: "uuid" },
          createdAt: { type: "string", format: "date-time" },
        },
      },
      TokenRequest: {
        type: "object",
        required: ["grant_type", "client_id", "client_secret"],
        properties: {
          grant_type: { type: "string", enum: ["client_credentials", "refresh_token"] },
          client_id: { type: "string" },
          client_secret: { type: "string" },
          scope: { type: "string", enum: ["token"] },
          refresh_token: { type: "string" },
        },
      },
      Token: {
        type: "object",
        additionalProperties: false,
        required: ["access_token", "refresh_token", "token_type", "expires_in", "errorCode", "message", "trackingId"],
        properties: {
          access_token: { type: "string" },
          refresh_token: { type: "string" },
          token_type: { const: "bearer" },
          expires_in: { const: 3600 },
          errorCode: { const: "success" },
          message: { type: "string" },
          trackingId: { type: "string", format: "uuid" },
        },
      },
      TokenError: {
        allOf: [
          ref("Error"),
          {
            type: "object",
            required: ["errorCode", "trackingId"],
            properties: { errorCode: { type: "string" }, trackingId: { type: "string", format: "uuid" } },
          },
        ],
      },
      WhoAmI: {
        type: "object",
        additionalProperties: false,
        required: ["id", "idType", "apiHosts"],
        properties: {
          id: { type: "string" },
          idType: { const: "partner" },
          apiHosts: {
            type: "object",
            additionalProperties: false,
            required: ["global"],
            properties: { global: { type: "string", format: "uri" } },
          },
        },
      },
      Pages: {
        type: "object",
        additionalProperties: false,
        required: ["current", "size", "maxSize"],
        properties: {
          current: { type: "integer", minimum: 1 },
          size: { type: "integer", minimum: 1 },
          maxSize: { type: "integer" },
          total: { type: "integer", minimum: 1, description: "Pages; only with pageTotal=true" },
          items: { type: "integer", minimum: 0, description: "Items; only with pageTotal=true" },
        },
      },
      Address: {
        type: "object",
        additionalProperties: false,
        properties: {
          address1: nullableString,
          address2: nullableString,
          city: nullableString,
          state: nullableString,
          postalCode: nullableString,
          country: { type: "string", description: "The country's name (the console keeps names)." },
          countryCode: { type: "string", description: "ISO 3166-1 alpha-2 (in a new tenant's body)." },
        },
      },
      Contact: {
        type: "object",
        additionalProperties: false,
        properties: {
          firstName: { type: "string" },
          lastName: { type: "string" },
          email: { type: "string" },
          phone: { type: "string" },
          address: ref("Address"),
        },
      },
      License: {
        type: "object",
        additionalProperties: false,
        required: ["product", "productCode", "category", "type", "quantity", "usage", "startDate", "endDate", "status"],
        properties: {
          product: { type: "string" },
          productCode: { type: "string" },
          category: { type: "string" },
          type: { enum: ["trial", "term", "usage"] },
          quantity: { type: "integer" },
          usage: { type: "integer" },
          startDate: { type: "string", format: "date" },
          endDate: { type: "string", format: "date" },
          status: { enum: ["active", "expiring", "expired", "revoked"] },
        },
      },
      Tenant: {
        type: "object",
        additionalProperties: false,
        required: ["id"],
        properties: {
          id: { type: "string" },
          showAs: { type: "string" },
          name: { type: "string" },
          dataGeography: { enum: [...DATA_GEOGRAPHIES] },
          dataRegion: { type: "string" },
          billingType: { enum: ["trial", "term", "usage"] },
          partner: { type: "object", additionalProperties: false, required: ["id"], properties: { id: { type: "string" } } },
          apiHost: { type: "string", format: "uri" },
          status: { enum: ["active", "inactive"] },
          contact: ref("Contact"),
          products: {
            type: "array",
            items: { type: "object", additionalProperties: false, required: ["code"], properties: { code: { type: "string" } } },
          },
          licenses: { type: "array", items: ref("License") },
          groups: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["id", "name"],
              properties: { id: { type: "string" }, name: { type: "string" } },
            },
          },
          partnerAssistance: { type: "boolean" },
          managedOrder: { type: "boolean" },
        },
      },
      TenantList: {
        type: "object",
        additionalProperties: false,
        required: ["items", "pages"],
        properties: { items: { type: "array", items: ref("Tenant") }, pages: ref("Pages") },
      },
      NewTenant: {
        type: "object",
        required: ["name", "dataGeography", "billingType", "contact"],
        properties: {
          name: { type: "string", maxLength: 100 },
          showAs: { type: "string", description: "Leave out, or the same as name: a new tenant is shown by its name." },
          dataGeography: { enum: [...DATA_GEOGRAPHIES] },
          billingType: { enum: ["trial", "usage"] },
          contact: ref("Contact"),
          products: {
            type: "array",
            description: "Every product the billing type offers when left out.",
            items: { type: "object", required: ["code"], properties: { code: { type: "string" } } },
          },
        },
      },
      Admin: {
        type: "object",
        additionalProperties: false,
        required: ["id", "username", "profile", "active", "primary", "roleAssignments"],
        properties: {
          id: { type: "string" },
          username: { type: "string" },
          profile: {
            type: "object",
            additionalProperties: false,
            required: ["name", "firstName", "lastName", "email"],
            properties: { name: { type: "string" }, firstName: { type: "string" }, lastName: { type: "string" }, email: { type: "string" } },
          },
          active: { type: "boolean" },
          primary: { type: "boolean" },
          roleAssignments: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["id", "roleId", "scope"],
              properties: {
                id: { type: "string" },
                roleId: { enum: ROLES.map(roleIdOf) },
                scope: {
                  type: "object",
                  additionalProperties: false,
                  required: ["type"],
                  properties: { type: { enum: ["partner", "customers"] } },
                },
              },
            },
          },
        },
      },
      AdminList: {
        type: "object",
        additionalProperties: false,
        required: ["items", "pages"],
        properties: { items: { type: "array", items: ref("Admin") }, pages: ref("Pages") },
      },
      Role: {
        type: "object",
        additionalProperties: false,
        required: ["id", "name", "description", "type", "principalType"],
        properties: {
          id: { enum: ROLES.map(roleIdOf) },
          name: { type: "string" },
          description: { type: "string" },
          type: { const: "predefined" },
          principalType: { const: "user" },
        },
      },
      RoleList: {
        type: "object",
        additionalProperties: false,
        required: ["items", "pages"],
        properties: { items: { type: "array", items: ref("Role") }, pages: ref("Pages") },
      },
    },
  },
} as const;

/** The document, as served. */
export function openApiDocument(): typeof OPENAPI {
  return OPENAPI;
}
