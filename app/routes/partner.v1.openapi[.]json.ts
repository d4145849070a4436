/** `GET /partner/v1/openapi.json` (issue 21): the Partner API described, OpenAPI 3.1; public. */
import type { Route } from "./+types/partner.v1.openapi[.]json";
import { allowApiCall } from "~/services/authz.server";
import { apiJson, methodNotAllowed } from "~/services/partner-api.server";
import { openApiDocument } from "~/services/openapi.server";

export async function loader({ request }: Route.LoaderArgs) {
  await allowApiCall(request);
  return apiJson(openApiDocument(), { headers: { "Cache-Control": "public, max-age=3600" } });
}

export async function action({ request }: Route.ActionArgs) {
  await allowApiCall(request);
  return methodNotAllowed(request, "GET");
}
