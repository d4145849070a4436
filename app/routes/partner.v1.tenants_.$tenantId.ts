/**
 * `GET /partner/v1/tenants/{id}` (issue 21): one tenant the credential may
 * see; another partner's, one outside the access, or no such id is a 404.
 */
import type { Route } from "./+types/partner.v1.tenants_.$tenantId";
import { requireApiClient } from "~/services/authz.server";
import { apiError, apiJson, answerApi, methodNotAllowed, publicUrl, tenantJson } from "~/services/partner-api.server";
import { getTenant } from "~/models/partner-api.server";
import { readTenantFields } from "~/domain/partner-api";
import { parseId } from "~/utils/params";

export async function loader({ request, params }: Route.LoaderArgs) {
  const client = await requireApiClient(request, { can: "customers.view", partnerHeader: true });
  return answerApi(request, () => {
    const fields = readTenantFields(new URL(request.url).searchParams.get("fields"));
    if ("parameter" in fields) return apiError(request, 400, `${fields.parameter}: ${fields.message}`);
    const tenantId = parseId(params.tenantId);
    const tenant = tenantId === null ? undefined : getTenant({ scope: client.scope, tenantId });
    if (!tenant) return apiError(request, 404, "No tenant with this id.");
    return apiJson(tenantJson(tenant, fields, publicUrl()));
  });
}

export async function action({ request }: Route.ActionArgs) {
  await requireApiClient(request, { can: "customers.view", partnerHeader: true });
  return methodNotAllowed(request, "GET");
}
