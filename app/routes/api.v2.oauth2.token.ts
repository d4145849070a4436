/**
 * `POST /api/v2/oauth2/token` (issue 21): OAuth 2.0 client credentials, and
 * refresh tokens, as the vendor's token service answers them
 * (services/partner-api.server.ts answerTokenRequest). The body may be
 * form-encoded or JSON.
 */
import type { Route } from "./+types/api.v2.oauth2.token";
import { allowApiCall } from "~/services/authz.server";
import { answerApi, answerTokenRequest, methodNotAllowed } from "~/services/partner-api.server";
import { requestClientAddress } from "~/services/request.server";

export async function loader({ request }: Route.LoaderArgs) {
  await allowApiCall(request);
  return methodNotAllowed(request, "POST");
}

export async function action({ request, context }: Route.ActionArgs) {
  await allowApiCall(request);
  return answerApi(request, () => answerTokenRequest(request, requestClientAddress(request, context as { clientAddress?: string | null })));
}
