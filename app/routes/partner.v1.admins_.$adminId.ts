/** `GET /partner/v1/admins/{id}` (issue 21): one of the partner's users; anyone else is a 404. */
import type { Route } from "./+types/partner.v1.admins_.$adminId";
import { requireApiClient } from "~/services/authz.server";
import { adminJson, apiError, apiJson, answerApi, methodNotAllowed } from "~/services/partner-api.server";
import { getAdmin } from "~/models/partner-api.server";
import { parseId } from "~/utils/params";

export async function loader({ request, params }: Route.LoaderArgs) {
  const client = await requireApiClient(request, { can: "users.manage", partnerHeader: true });
  return answerApi(request, () => {
    const adminId = parseId(params.adminId);
    const admin = adminId === null ? undefined : getAdmin({ partnerId: client.partner.id, adminId });
    if (!admin) return apiError(request, 404, "No admin with this id.");
    return apiJson(adminJson(admin));
  });
}

export async function action({ request }: Route.ActionArgs) {
  await requireApiClient(request, { can: "users.manage", partnerHeader: true });
  return methodNotAllowed(request, "GET");
}
