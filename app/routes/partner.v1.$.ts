/**
 * Any address under /partner/v1/ that no route answers: a JSON 404 of the
 * API for a caller with a live token (never the console's HTML page).
 */
import type { Route } from "./+types/partner.v1.$";
import { requireApiClient } from "~/services/authz.server";
import { unknownApiAddress } from "~/services/partner-api.server";

export async function loader({ request }: Route.LoaderArgs) {
  await requireApiClient(request, { can: "customers.view" });
  return unknownApiAddress(request);
}

export async function action({ request }: Route.ActionArgs) {
  await requireApiClient(request, { can: "customers.view" });
  return unknownApiAddress(request);
}
