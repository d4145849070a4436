import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { signIn } from "./support/sign-in";
import { acmeAdmin, helpDesk, superAdmin } from "./support/accounts";

/** Pages every visitor kind reaches, with how to get there. */
const PAGES: { name: string; open: (page: Page) => Promise<unknown>; status: number }[] = [
  { name: "the sign-in page", open: (page) => page.goto("/sign-in"), status: 200 },
  {
    name: "the Customers page",
    open: async (page) => {
      await signIn(page, superAdmin.email);
      return page.goto("/customers");
    },
    status: 200,
  },
  {
    name: "Central Admin",
    open: async (page) => {
      await signIn(page, acmeAdmin.email);
      return page.goto("/central");
    },
    status: 200,
  },
  { name: "the 404 page", open: (page) => page.goto("/no-such-page-here"), status: 404 },
  {
    name: "the 403 page",
    open: async (page) => {
      await signIn(page, acmeAdmin.email);
      return page.goto("/customers");
    },
    status: 403,
  },
];

test.describe("the frame of every page", () => {
  for (const { name, open } of PAGES) {
    test(`${name} has exactly one h1`, async ({ page }) => {
      await open(page);
      await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    });

    test(`${name} has a title naming the page and the console`, async ({ page }) => {
      await open(page);
      await expect(page).toHaveTitle(name === "Central Admin" ? /^.+ – Central Admin$/ : /^.+ – Partner Console$/);
    });

    test(`${name} has a header and a main landmark, and a skip link to the main content`, async ({ page }) => {
      await open(page);
      await expect(page.getByRole("banner")).toHaveCount(1);
      await expect(page.getByRole("main")).toHaveCount(1);
      const skip = page.getByRole("link", { name: "Skip to main content" });
      await expect(skip).toHaveAttribute("href", "#main");
      await expect(page.locator("#main")).toHaveRole("main");
    });
  }

  test("the header names the partner, the user and their role, and offers the switches and Sign out", async ({ page }) => {
    await signIn(page, helpDesk.email);
    const header = page.getByRole("banner");
    await expect(header).toContainText("Partner: Northwind Security");
    await expect(header).toContainText("Signed in as Hana Helpdesk, Help Desk");
    await expect(header.getByRole("button", { name: "English", exact: true })).toBeVisible();
    await expect(header.getByRole("button", { name: "Español", exact: true })).toBeVisible();
    await expect(header.getByRole("switch", { name: "Data saver" })).toBeVisible();
    await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(header.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" })).toBeVisible();
  });

  test("the header of Central Admin names the customer and the customer admin", async ({ page }) => {
    await signIn(page, acmeAdmin.email);
    const header = page.getByRole("banner");
    await expect(header).toContainText("Customer: Acme Corp");
    await expect(header).toContainText("Signed in as Wile Coyote, Customer admin");
    await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
  });

  test("a signed-out visitor's header has the switches but no Sign out", async ({ page }) => {
    await page.goto("/sign-in");
    const header = page.getByRole("banner");
    await expect(header.getByRole("button", { name: "Español", exact: true })).toBeVisible();
    await expect(header.getByRole("switch", { name: "Data saver" })).toBeVisible();
    await expect(header.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  });

  test("the skip link is the first thing the keyboard reaches, and it moves focus to the main content", async ({ page }) => {
    await page.goto("/sign-in");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
    await expect(page).toHaveURL(/#main$/);
  });
});

test.describe("error pages", () => {
  test("an unknown address is a 404 page with one h1 and a way back", async ({ page }) => {
    const response = await page.goto("/no-such-page-here");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page.getByRole("main").getByRole("link", { name: "Go to the start page" })).toBeVisible();
  });

  test("an unknown address is a 404 page for a signed-in user too, inside the frame", async ({ page }) => {
    await signIn(page, superAdmin.email);
    const response = await page.goto("/customers/999999999/contact");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page.getByRole("banner")).toContainText("Signed in as Nadia Super, Super Admin");
  });

  test("a customer admin opening the Customers page gets a 403 page that explains", async ({ page }) => {
    await signIn(page, acmeAdmin.email);
    const response = await page.goto("/customers");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You cannot do this");
    await expect(page.getByRole("main")).toContainText("Your role does not allow this action.");
  });

  test("a form sent from another site gets the 403 page that says so, with the security headers", async ({ page, baseURL }) => {
    // A page that is not the site (Origin: null, Sec-Fetch-Site: cross-site) posts a sign-in form to it.
    await page.setContent(
      `<form method="post" action="${baseURL}/sign-in"><input name="email" value="${superAdmin.email}"><button>Send</button></form>`,
    );
    const [response] = await Promise.all([page.waitForResponse(`${baseURL}/sign-in`), page.getByRole("button", { name: "Send" }).click()]);
    expect(response.status()).toBe(403);
    expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You cannot do this");
    await expect(page.getByRole("main")).toContainText("This form was sent from another site, so nothing was changed.");
  });

  test("a partner user opening Central Admin gets a 403 page", async ({ page }) => {
    await signIn(page, superAdmin.email);
    const response = await page.goto("/central");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You cannot do this");
  });

  for (const [address, status] of [
    ["/no-such-page-here", 404],
    ["/customers/not-a-number/contact", 404],
  ] as const) {
    test(`the ${status} answer for ${address} holds no stack trace`, async ({ page }) => {
      await signIn(page, superAdmin.email);
      const response = await page.request.get(address);
      expect(response.status()).toBe(status);
      const html = await response.text();
      expect(html).not.toMatch(/\bat .+\.(js|ts|tsx):\d+:\d+/);
      expect(html).not.toMatch(/node_modules|\/build\/index\.js|Error: Not Found/);
    });
  }
});
