import type { Route } from "./+types/preferences";
import { redirect } from "react-router";
import { allowAnyone } from "~/services/authz.server";
import { readForm } from "~/services/request-body.server";
import { savePreferences } from "~/services/preferences.server";
import { isLocale } from "~/i18n/locales";
import { safeRedirectPath } from "~/utils/redirect";

/** Nothing to show: the switches post here from the header of every page. */
export async function loader({ request }: Route.LoaderArgs) {
  await allowAnyone(request);
  throw redirect("/");
}

/** Remembers the language or data-saver choice and goes back to the page. */
export async function action({ request }: Route.ActionArgs) {
  await allowAnyone(request);
  const form = await readForm(request);
  const locale = form.get("locale");
  const dataSaver = form.get("dataSaver");
  const cookie = await savePreferences(request, {
    ...(isLocale(locale) ? { locale } : {}),
    ...(dataSaver === "on" || dataSaver === "off" ? { dataSaver: dataSaver === "on" } : {}),
  });
  return redirect(safeRedirectPath(form.get("redirectTo"), "/"), {
    headers: { "Set-Cookie": cookie },
  });
}

/**
 * Never shown (the loader and the action always redirect), but it makes this
 * a page route, so a refusal (a form sent from another site) is the 403 page
 * of the site, not a bare JSON body.
 */
export default function Preferences() {
  return null;
}
