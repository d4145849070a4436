/** `GET /partner/v1/roles` (issue 21): the four predefined roles. */
import type { Route } from "./+types/partner.v1.roles";
import { requireApiClient } from "~/services/authz.server";
import { apiJson, answerApi, methodNotAllowed, rolesJson } from "~/services/partner-api.server";

export async function loader({ request }: Route.LoaderArgs) {
  await requireApiClient(request, { can: "customers.view", partnerHeader: true });
  return answerApi(request, () => {
    const items = rolesJson();
    return apiJson({ items, pages: { current: 1, size: items.length, maxSize: 100, total: 1, items: items.length } });
  });
}

export async function action({ request }: Route.ActionArgs) {
  await requireApiClient(request, { can: "customers.view", partnerHeader: true });
  return methodNotAllowed(request, "GET");
}
