import type { LoaderFunctionArgs } from "@remix-run/node";
import { allowAnyone, notFound } from "~/services/authz.server";

/** Any address no route answers: the 404 page, inside the site's frame. */
export async function loader({ request }: LoaderFunctionArgs) {
  await allowAnyone(request);
  throw notFound();
}

export async function action({ request }: LoaderFunctionArgs) {
  await allowAnyone(request);
  throw notFound();
}

export default function NotFound() {
  return null;
}
