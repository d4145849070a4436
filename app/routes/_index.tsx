import type { Route } from "./+types/_index";
import { redirect } from "react-router";
import { allowAnyone, homeFor } from "~/services/authz.server";

/** "/" sends each user to their home, and a visitor to sign-in. */
export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await allowAnyone(request);
  return redirect(user ? homeFor(user) : "/sign-in");
}
