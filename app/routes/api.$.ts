/**
 * Any address under /api/ that no route answers (the token endpoint is
 * /api/v2/oauth2/token): the API's JSON 404, never the console's HTML page.
 * A client of the vendor's API that asks for another of its services learns
 * that this one does not have it.
 */
import type { Route } from "./+types/api.$";
import { allowApiCall } from "~/services/authz.server";
import { unknownApiAddress } from "~/services/partner-api.server";

export async function loader({ request }: Route.LoaderArgs) {
  await allowApiCall(request);
  return unknownApiAddress(request);
}

export async function action({ request }: Route.ActionArgs) {
  await allowApiCall(request);
  return unknownApiAddress(request);
}
