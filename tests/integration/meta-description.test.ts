/**
 * Issue 11: every page has a meta description in the page's language. Each
 * route's meta (and the root's, for error pages) is called as React Router calls it,
 * with the root's data giving the language.
 */
import type { MetaDescriptor } from "react-router";
import { describe, expect, it } from "vitest";
import { importRoute, routeIds } from "../support/routes";

/** What React Router passes `meta`: each loader's data as `loaderData`, and under its older name `data`. */
type MetaArgs = {
  data: unknown;
  loaderData: unknown;
  params: Record<string, string>;
  location: { pathname: string; search: string; hash: string; state: null; key: string };
  matches: {
    id: string;
    data: unknown;
    loaderData: unknown;
    params: Record<string, string>;
    pathname: string;
    meta: MetaDescriptor[];
    handle: undefined;
  }[];
  error?: unknown;
};
type PageModule = { default?: unknown; meta?: (args: MetaArgs) => MetaDescriptor[] };

function argsFor(locale: "en" | "es", error?: unknown): MetaArgs {
  return {
    data: undefined,
    loaderData: undefined,
    params: {},
    location: { pathname: "/", search: "", hash: "", state: null, key: "default" },
    matches: [{ id: "root", data: { locale }, loaderData: { locale }, params: {}, pathname: "/", meta: [], handle: undefined }],
    error,
  };
}

function descriptionOf(meta: MetaDescriptor[]): string | undefined {
  const found = meta.filter((d) => "name" in d && d.name === "description");
  expect(found.length).toBeLessThanOrEqual(1);
  return (found[0] as { content?: string } | undefined)?.content;
}

/** Route modules with a page but no meta: they never render one of their own. */
const NEVER_RENDERED = new Set([
  "routes/$", // always throws 404: the root's error meta applies
  "routes/preferences", // always redirects
]);

describe("meta description", () => {
  it("every page route has one, in English and in Spanish, different from the title", async () => {
    const pages: string[] = [];
    for (const id of routeIds()) {
      const module = (await importRoute(id)) as PageModule;
      // The root's meta speaks only for error pages (the last test).
      if (id === "root" || !module.default || NEVER_RENDERED.has(id)) continue;
      expect(module.meta, `${id} exports meta`).toBeTypeOf("function");
      pages.push(id);
      const en = module.meta!(argsFor("en"));
      const es = module.meta!(argsFor("es"));
      const enDescription = descriptionOf(en) ?? `(none on ${id})`;
      const esDescription = descriptionOf(es) ?? `(none on ${id})`;
      expect(enDescription).toMatch(/^(?!\(none).*\w{3,}.*\w{3,}/);
      expect(esDescription).toMatch(/^(?!\(none).*\w{3,}.*\w{3,}/);
      expect(esDescription).not.toBe(enDescription);
      const title = (en.find((d) => "title" in d) as { title: string }).title;
      expect(enDescription).not.toBe(title);
    }
    expect(pages).toContain("routes/customers");
    expect(pages).toContain("routes/sign-in");
    expect(pages.length).toBeGreaterThan(15);
  });

  it("the main pages have their own words, the others their title and what the console is for", async () => {
    const customers = (await importRoute("routes/customers")) as PageModule;
    expect(descriptionOf(customers.meta!(argsFor("en")))).toMatch(/^Your customers and the state of their licenses/);
    expect(descriptionOf(customers.meta!(argsFor("es")))).toMatch(/^Sus clientes y el estado de sus licencias/);
    const signOut = (await importRoute("routes/sign-out")) as PageModule;
    expect(descriptionOf(signOut.meta!(argsFor("en")))).toMatch(/^Sign out, in the Partner Console/);
  });

  it("error pages have one too (the root's meta)", async () => {
    const root = (await importRoute("root")) as PageModule;
    const notFound = { status: 404, statusText: "Not Found", internal: false, data: null };
    const meta = root.meta!(argsFor("es", notFound));
    expect(descriptionOf(meta)).toBeTruthy();
  });

  it('a page whose form came back with errors has "Error: " first in its title, from its meta (formErrorsAt, entry.server.tsx)', async () => {
    const groups = (await importRoute("routes/groups")) as PageModule;
    const titleOf = (locale: "en" | "es", formErrorsAt: string | undefined, pathname: string) => {
      const args = argsFor(locale);
      args.matches[0]!.loaderData = { locale, formErrorsAt };
      args.matches.push({ ...args.matches[0]!, id: "routes/groups", loaderData: undefined, data: undefined, pathname });
      return (groups.meta!(args).find((d) => "title" in d) as { title: string }).title;
    };
    expect(titleOf("en", "/groups", "/groups")).toBe("Error: Groups – Partner Console");
    expect(titleOf("es", "/groups", "/groups")).toMatch(/^Error: Grupos/);
    // Another page opened afterwards in the browser (the root's data stays): no prefix.
    expect(titleOf("en", "/groups", "/customers")).toBe("Groups – Partner Console");
    expect(titleOf("en", undefined, "/groups")).toBe("Groups – Partner Console");
  });
});
