import { data } from "@remix-run/node";
import { getPreferences, takeFlash } from "./preferences.server";
import { stylesheetToInline } from "./inline-css.server";

/*
 * What the root route (app/root.tsx) reads besides its guard, in one module
 * only the root imports: every server module that two route files import
 * stays in the browser's bundle as an empty stub chunk of its own (about 100
 * bytes and a request each, on every page), while one only the root imports
 * costs nothing (docs/performance.md, "JavaScript").
 */

/** The visitor's preferences and flash message, and on data-saver pages the stylesheet to inline. */
export async function rootPreferences(request: Request, stylesheet: string) {
  const preferences = await getPreferences(request);
  const { flash, clear } = await takeFlash(request);
  // Data saver: the stylesheet inline, one request per page (inline-css.server.ts).
  const inlineCss = preferences.dataSaver ? stylesheetToInline(stylesheet) : null;
  return { preferences, flash, clear, inlineCss };
}

/**
 * The root loader's answer: its data, and the flash cookie cleared when one
 * was read. Here rather than in root.tsx, whose value import of
 * `@remix-run/node` was one more of those stubs on every page.
 */
export function rootAnswer<T>(body: T, clear: string | null) {
  return data(body, clear ? { headers: { "Set-Cookie": clear } } : undefined);
}
