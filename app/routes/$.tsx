import type { Route } from "./+types/$";
import { allowAnyone } from "~/services/authz.server";
import { notFound } from "~/services/http.server";

/** Any address no route answers: the 404 page, inside the site's frame. */
export async function loader({ request }: Route.LoaderArgs) {
  await allowAnyone(request);
  throw notFound();
}

export async function action({ request }: Route.ActionArgs) {
  await allowAnyone(request);
  throw notFound();
}

export default function NotFound() {
  return null;
}
