/**
 * `GET /partner/v1/tenants` and `POST /partner/v1/tenants` (issue 21): the
 * customers the credential may see, paged; and a new trial, or a monthly
 * account for a Flex MSP partner, made by the console's own models
 * (customer-creation.server.ts) after the console's own schemas.
 */
import type { Route } from "./+types/partner.v1.tenants";
import { requireApiClient } from "~/services/authz.server";
import { apiError, apiJson, answerApi, publicUrl, tenantJson } from "~/services/partner-api.server";
import { readJson } from "~/services/request-body.server";
import { listTenants, getTenant } from "~/models/partner-api.server";
import { createMonthlyAccountNow, startTrial } from "~/models/customer-creation.server";
import { pagesOf, readPageRequest, readTenantFields, TENANT_FIELDS } from "~/domain/partner-api";
import { readNewTenant } from "~/schemas/partner-api";
import { createTranslator } from "~/i18n/translate";

export async function loader({ request }: Route.LoaderArgs) {
  const client = await requireApiClient(request, { can: "customers.view", partnerHeader: true });
  return answerApi(request, () => {
    const query = new URL(request.url).searchParams;
    const page = readPageRequest(query);
    if ("parameter" in page) return apiError(request, 400, `${page.parameter}: ${page.message}`);
    const fields = readTenantFields(query.get("fields"));
    if ("parameter" in fields) return apiError(request, 400, `${fields.parameter}: ${fields.message}`);
    const { tenants, total } = listTenants({ scope: client.scope, ...page });
    const host = publicUrl();
    return apiJson({ items: tenants.map((tenant) => tenantJson(tenant, fields, host)), pages: pagesOf(page, total) });
  });
}

// Messages in English, like every answer of the API.
const english = createTranslator("en");

export async function action({ request }: Route.ActionArgs) {
  const client = await requireApiClient(request, { can: "customer.startTrial", partnerHeader: true });
  return answerApi(request, async () => {
    if (request.method !== "POST") return apiError(request, 405, `${request.method} is not allowed here; use GET or POST.`, { headers: { Allow: "GET, POST" } });
    const read = readNewTenant(await readJson(request), english);
    if (!read.ok) {
      return apiError(request, 400, read.problems.map((problem) => `${problem.field}: ${problem.message}`).join(" "));
    }
    const { billingType, values, productIds } = read.tenant;
    const outcome =
      billingType === "trial"
        ? startTrial({ actor: client, values, productIds })
        : createMonthlyAccountNow({ actor: client, values, productIds });
    if (outcome.status === "refused") {
      return apiError(
        request,
        403,
        outcome.reason === "role"
          ? "This credential's role may not create tenants."
          : "Monthly (usage) tenants need the Partner Flex MSP program.",
      );
    }
    const tenant = getTenant({ scope: client.scope, tenantId: outcome.customerId });
    if (!tenant) return apiError(request, 404, "The tenant was created but is outside this credential's access.");
    return apiJson(tenantJson(tenant, new Set(TENANT_FIELDS), publicUrl()), {
      status: outcome.status === "created" ? 201 : 200,
      headers: { Location: `/partner/v1/tenants/${outcome.customerId}` },
    });
  });
}
