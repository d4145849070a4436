import { data } from "react-router";
import { getPreferences, takeFlash } from "./preferences.server";
import { stylesheetToInline } from "./inline-css.server";

/*
 * What the root route (app/root.tsx) reads besides its guard, in one server
 * module: the loader's work stays out of the route module, which the
 * browser also loads.
 */

/** The visitor's preferences and flash message, and on data-saver pages the stylesheet to inline. */
export async function rootPreferences(request: Request, stylesheet: string) {
  const preferences = await getPreferences(request);
  const { flash, clear } = await takeFlash(request);
  // Data saver: the stylesheet inline, one request per page (inline-css.server.ts).
  const inlineCss = preferences.dataSaver ? stylesheetToInline(stylesheet) : null;
  return { preferences, flash, clear, inlineCss };
}

/** The root loader's answer: its data, and the flash cookie cleared when one was read. */
export function rootAnswer<T>(body: T, clear: string | null) {
  return data(body, clear ? { headers: { "Set-Cookie": clear } } : undefined);
}
