import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { allowAnyone, homeFor } from "~/services/authz.server";

/** "/" sends each user to their home, and a visitor to sign-in. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await allowAnyone(request);
  return redirect(user ? homeFor(user) : "/sign-in");
}
