/**
 * `GET /partner/v1/admins` (issue 21): the partner's users, paged, with a
 * search by name or email, an exact email and a role. Read-only: adding and
 * changing users stays in the console. The credential needs the role that
 * sees the Users page (Super Admin).
 */
import type { Route } from "./+types/partner.v1.admins";
import { requireApiClient } from "~/services/authz.server";
import { adminJson, apiError, apiJson, answerApi, methodNotAllowed } from "~/services/partner-api.server";
import { listAdmins } from "~/models/partner-api.server";
import { pagesOf, readPageRequest, roleFromId } from "~/domain/partner-api";

const TEXT_MAX = 254;

export async function loader({ request }: Route.LoaderArgs) {
  const client = await requireApiClient(request, { can: "users.manage", partnerHeader: true });
  return answerApi(request, () => {
    const query = new URL(request.url).searchParams;
    const page = readPageRequest(query);
    if ("parameter" in page) return apiError(request, 400, `${page.parameter}: ${page.message}`);
    const search = query.get("search")?.trim() || undefined;
    const email = query.get("email")?.trim() || undefined;
    if ((search?.length ?? 0) > TEXT_MAX) return apiError(request, 400, `search: at most ${TEXT_MAX} characters`);
    if ((email?.length ?? 0) > TEXT_MAX) return apiError(request, 400, `email: at most ${TEXT_MAX} characters`);
    const roleId = query.get("roleId")?.trim() || undefined;
    const role = roleId === undefined ? undefined : roleFromId(roleId);
    if (roleId !== undefined && role === undefined) return apiError(request, 400, "roleId: not one of GET /partner/v1/roles");
    const { admins, total } = listAdmins({ partnerId: client.partner.id, ...page, search, email, role });
    return apiJson({ items: admins.map(adminJson), pages: pagesOf(page, total) });
  });
}

export async function action({ request }: Route.ActionArgs) {
  await requireApiClient(request, { can: "users.manage", partnerHeader: true });
  return methodNotAllowed(request, "GET");
}
