import type { APIResponse } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { signIn } from "./support/sign-in";
import { acmeAdmin, superAdmin } from "./support/accounts";
import { customerNamesOnPage, searchCustomers } from "./support/customers";
import { expectNoAxeViolations } from "./support/axe";

const SAVE_DATA = { "Save-Data": "on" };

/** The raw HTML holds no script at all: no <script> and no module preload. */
async function expectNoScriptIn(response: APIResponse): Promise<void> {
  expect(response.headers()["content-type"]).toContain("text/html");
  const html = await response.text();
  expect(html.length).toBeGreaterThan(500);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/modulepreload/i);
}

function varyOf(response: APIResponse): string[] {
  return (response.headers()["vary"] ?? "").split(",").map((value) => value.trim().toLowerCase());
}

test.describe("Save-Data: on", () => {
  test("the sign-in page comes with no script at all", async ({ page }) => {
    await expectNoScriptIn(await page.request.get("/sign-in", { headers: SAVE_DATA }));
  });

  test("the Customers page comes with no script at all", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await expectNoScriptIn(await page.request.get("/customers?q=hooli", { headers: SAVE_DATA }));
  });

  test("Central Admin comes with no script at all", async ({ page }) => {
    await signIn(page, acmeAdmin.email);
    await expectNoScriptIn(await page.request.get("/central", { headers: SAVE_DATA }));
  });

  test("the 404 page comes with no script at all", async ({ page }) => {
    const response = await page.request.get("/no-such-page-here", { headers: SAVE_DATA });
    expect(response.status()).toBe(404);
    await expectNoScriptIn(response);
  });

  test("without Save-Data the same page does carry the app's scripts", async ({ page }) => {
    // The check above can fail: the ordinary page has scripts.
    const html = await (await page.request.get("/sign-in")).text();
    expect(html).toMatch(/<script/i);
  });

  test("pages say they vary with Save-Data, with or without it", async ({ page }) => {
    expect(varyOf(await page.request.get("/sign-in"))).toContain("save-data");
    expect(varyOf(await page.request.get("/sign-in", { headers: SAVE_DATA }))).toContain("save-data");
  });
});

test.describe("a browser that sends Save-Data: on", () => {
  test.use({ saveData: true });

  test("signs in and searches the list, and no page it gets has a script", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await expect(page.locator("script")).toHaveCount(0);
    await searchCustomers(page, "equipo");
    expect(await customerNamesOnPage(page)).toEqual(["Équipo Médico Andaluz"]);
    await expect(page.locator("script")).toHaveCount(0);
  });

  test("shows the Data saver switch on, says why it cannot be turned off, and keeps it in reach of the keyboard", async ({ page }) => {
    await page.goto("/sign-in");
    const dataSaver = page.getByRole("switch", { name: "Data saver" });
    await expect(dataSaver).toBeChecked();
    // aria-disabled, not disabled: still focusable, and it sends nothing.
    await expect(dataSaver).toHaveAttribute("aria-disabled", "true");
    await expect(dataSaver).not.toHaveAttribute("disabled");
    const why = "Your browser asks to save data, so pages come without scripts.";
    await expect(page.getByRole("banner").getByText(why)).toBeVisible();
    await expect(dataSaver).toHaveAccessibleDescription(why);
    await dataSaver.focus();
    await expect(dataSaver).toBeFocused();
    await page.keyboard.press("Enter");
    await page.waitForLoadState("load");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("switch", { name: "Data saver" })).toBeChecked();
  });

  test("pages carry their stylesheet inline, allowed by the page's nonce, and link none", async ({ page }) => {
    const response = await page.goto("/sign-in");
    const nonce = /style-src [^;]*'nonce-([^']+)'/.exec(response?.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce).toBeTruthy();
    await expect(page.locator('link[rel="stylesheet"]')).toHaveCount(0);
    const style = page.locator("head style");
    await expect(style).toHaveCount(1);
    // Browsers hide a nonce from the DOM once it is used: read it from the HTML.
    expect(await response!.text()).toContain(`<style nonce="${nonce}">`);
    // The styles apply: the Sign in button gets the app's colours, not the browser's grey.
    const background = await page.getByRole("button", { name: "Sign in", exact: true }).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe("rgb(239, 239, 239)");
    expect(background).not.toBe("rgba(0, 0, 0, 0)");
  });

  // axe is a script: it runs where the browser runs scripts, though the page brings none.
  test("the page with the switch held on has no axe violations @js-only", async ({ page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await expect(page.getByRole("switch", { name: "Data saver" })).toHaveAttribute("aria-disabled", "true");
    await expectNoAxeViolations(page, testInfo, "Customers page with Save-Data");
  });
});

test.describe("the Data saver switch", () => {
  test("is off at first, and pages carry scripts and link their stylesheet", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("switch", { name: "Data saver" })).not.toBeChecked();
    await expect(page.getByRole("switch", { name: "Data saver" })).not.toHaveAttribute("aria-disabled");
    await expect(page.locator("script").first()).toBeAttached();
    await expect(page.locator('link[rel="stylesheet"]')).toHaveCount(1);
    await expect(page.locator("head style")).toHaveCount(0);
  });

  test("turned on, sends pages with no script at all", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await page.getByRole("switch", { name: "Data saver" }).click();
    await expect(page.getByRole("switch", { name: "Data saver" })).toBeChecked();
    await page.waitForLoadState("load");
    await expect(page).toHaveURL(/\/customers$/);
    await expect(page.locator("script")).toHaveCount(0);
    // The raw answer, not only the DOM: nothing to run, nothing to preload.
    await expectNoScriptIn(await page.request.get(page.url()));
  });

  test("is remembered on the next pages", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("switch", { name: "Data saver" }).click();
    await expect(page.getByRole("switch", { name: "Data saver" })).toBeChecked();
    await signIn(page, superAdmin.email);
    await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
    await expect(page.locator("script")).toHaveCount(0);
    await expectNoScriptIn(await page.request.get("/customers?q=acme"));
  });

  test("turned off again, brings the scripts back", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("switch", { name: "Data saver" }).click();
    await expect(page.getByRole("switch", { name: "Data saver" })).toBeChecked();
    await page.getByRole("switch", { name: "Data saver" }).click();
    await expect(page.getByRole("switch", { name: "Data saver" })).not.toBeChecked();
    await page.waitForLoadState("load");
    await expect(page.locator("script").first()).toBeAttached();
  });
});
