import { test as base, expect, type Page } from "@playwright/test";
import { CONTOSO_ONLY_CUSTOMER, contosoSuperAdmin } from "./accounts";
import { signIn } from "./sign-in";

/**
 * The app's own scripts: everything React Router's build serves from /assets/
 * (the entry, the manifest, the route chunks). The stylesheet is under
 * /assets/ too and must still load, so only .js is blocked.
 */
export const APP_SCRIPTS = "**/assets/**/*.js";

type TestOptions = {
  /**
   * Whether the browser sends `Save-Data: on` (data saver, F19) with every
   * request. `extraHTTPHeaders` is not enough: Chromium leaves extra headers
   * off the request that follows a redirect (the GET after a form's POST), so
   * this adds the header to every request through routing instead.
   */
  saveData: boolean;
};

type TestFixtures = {
  /**
   * The page to run axe on (axe is a script, so it cannot run where
   * JavaScript is off). With JavaScript on it is `page` itself.
   *
   * With JavaScript off it is a page in its own JavaScript-enabled context
   * whose requests for the app's scripts are aborted, so the document stays
   * exactly the server-rendered HTML a no-JS visitor gets: nothing hydrates,
   * nothing re-renders. The inline scripts React Router writes into the page
   * still run, but they only set `window.__reactRouterContext`, restore the
   * scroll position and import the (blocked) modules: they do not change the DOM.
   *
   * We chose this over sending `Save-Data: on` (with which the server sends
   * no script at all) because data saver is a different page: the server
   * renders the "Data saver" switch checked and disabled, so we would scan
   * markup no JavaScript-off visitor receives. accessibility.spec.ts checks
   * that the scanned markup equals the JavaScript-off markup.
   *
   * The context gets the same base URL, locale and extra headers as the
   * test's own, so `test.use({ extraHTTPHeaders })` applies to it as well.
   * Sign in on this page (not on `page`) before scanning a signed-in page.
   */
  a11yPage: Page;
};

type WorkerFixtures = {
  /**
   * The address of a Contoso customer's contact card (Tyrell Systems), read
   * from the link a Contoso Super Admin sees: the id is never guessed.
   */
  contosoContactCardPath: string;
};

export const test = base.extend<TestOptions & TestFixtures, WorkerFixtures>({
  saveData: [false, { option: true }],

  context: async ({ context, saveData }, use) => {
    if (saveData) {
      await context.route("**/*", (route) =>
        route.continue({ headers: { ...route.request().headers(), "save-data": "on" } }),
      );
    }
    await use(context);
  },

  a11yPage: async ({ page, javaScriptEnabled, browser, baseURL, locale, extraHTTPHeaders }, use) => {
    if (javaScriptEnabled) {
      await use(page);
      return;
    }
    const context = await browser.newContext({
      baseURL,
      locale,
      extraHTTPHeaders,
      javaScriptEnabled: true,
    });
    await context.route(APP_SCRIPTS, (route) => route.abort());
    const scanPage = await context.newPage();
    await use(scanPage);
    await context.close();
  },

  contosoContactCardPath: [
    async ({ browser }, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL;
      const context = await browser.newContext({ baseURL, locale: "en-GB" });
      const page = await context.newPage();
      await signIn(page, contosoSuperAdmin.email);
      await page.goto(`/customers?q=${encodeURIComponent(CONTOSO_ONLY_CUSTOMER)}`);
      const link = page.getByRole("link", { name: CONTOSO_ONLY_CUSTOMER, exact: true });
      await expect(link).toHaveCount(1);
      const href = await link.getAttribute("href");
      if (!href) throw new Error(`The link to ${CONTOSO_ONLY_CUSTOMER} has no href`);
      const path = new URL(href, baseURL).pathname;
      expect(path, "a contact card's address is /customers/<id>/contact").toMatch(/^\/customers\/[^/]+\/contact$/);
      await context.close();
      await use(path);
    },
    { scope: "worker" },
  ],
});

export { expect };
