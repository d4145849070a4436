/**
 * `GET /whoami/v1` (issue 21): which partner the token acts for, and the
 * address of its API.
 */
import type { Route } from "./+types/whoami.v1";
import { requireApiClient } from "~/services/authz.server";
import { apiJson, answerApi, methodNotAllowed, publicUrl } from "~/services/partner-api.server";

export async function loader({ request }: Route.LoaderArgs) {
  const client = await requireApiClient(request, { can: "customers.view" });
  return answerApi(request, () =>
    apiJson({ id: String(client.partner.id), idType: "partner", apiHosts: { global: publicUrl() } }),
  );
}

export async function action({ request }: Route.ActionArgs) {
  await requireApiClient(request, { can: "customers.view" });
  return methodNotAllowed(request, "GET");
}
