/**
 * Issue 21 in a browser, with JavaScript on and off: a Super Admin opens
 * "API credentials" from Integrations, adds a credential (first with
 * mistakes), sees its client id and secret once, a tool gets a token with
 * them from the running server and calls the API, then the Super Admin
 * deletes the credential (a confirmation page) and the token stops working.
 * axe on every page and state; other roles get the 403 page.
 *
 * Each project works on a credential of its own; no customer is changed.
 */
import type { Page, TestInfo } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { signIn } from "./support/sign-in";
import { admin, superAdmin } from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";

function own(testInfo: TestInfo, name: string): string {
  return `${name} ${testInfo.project.name} ${Date.now() % 100_000}`;
}

function errorSummary(page: Page) {
  return page.getByRole("alert").filter({ hasText: "There is a problem" });
}

async function openFromIntegrations(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations", exact: true }).click();
  await page.getByRole("link", { name: "API credentials", exact: true }).click();
  await expect(page).toHaveURL(/\/api-credentials$/);
  await expect(page.getByRole("heading", { name: "API credentials", level: 1 })).toBeVisible();
}

test.describe("API credentials", () => {
  test("a super admin adds a credential, a tool uses it, and deleting it ends its token", async ({ page, request }, testInfo) => {
    const name = own(testInfo, "PSA");
    await signIn(page, superAdmin.email);
    await openFromIntegrations(page);

    // First with nothing chosen.
    await page.getByRole("button", { name: "Add credential", exact: true }).click();
    await expect(errorSummary(page)).toBeVisible();
    await expect(errorSummary(page).getByRole("link", { name: "Enter a name for the credential" })).toBeVisible();
    await expect(errorSummary(page).getByRole("link", { name: "Choose a role" })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: API credentials/);
    const nameField = page.getByLabel("Name", { exact: true });
    await expect(nameField).toHaveAttribute("aria-invalid", "true");

    // Then a Help Desk role with chosen access but nothing chosen.
    await nameField.fill(name);
    await page.getByRole("radio", { name: "Help Desk", exact: true }).check();
    await page.getByRole("radio", { name: "Chosen groups and customers", exact: true }).check();
    await page.getByRole("button", { name: "Add credential", exact: true }).click();
    await expect(errorSummary(page).getByRole("link", { name: "Choose at least one group or customer" })).toBeVisible();
    await expect(nameField).toHaveValue(name);
    await expect(page.getByRole("radio", { name: "Help Desk", exact: true })).toBeChecked();
    await expect(page.getByRole("radio", { name: "Chosen groups and customers", exact: true })).toBeChecked();

    // A group, and a customer found with the Users page's picker (its buttons keep what was typed).
    await page.getByRole("checkbox", { name: "EMEA", exact: true }).check();
    await page.getByLabel("Find customers to add").fill("Hooli");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByRole("button", { name: "Add Hooli", exact: true }).click();
    await expect(page.getByRole("button", { name: "Remove Hooli", exact: true })).toBeVisible();
    await expect(nameField).toHaveValue(name);
    await expect(page.getByRole("radio", { name: "Help Desk", exact: true })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "EMEA", exact: true })).toBeChecked();

    // An expiry date in the past.
    await page.getByLabel("Expiry date (optional)").fill("2020-01-01");
    await page.getByRole("button", { name: "Add credential", exact: true }).click();
    await expect(errorSummary(page).getByRole("link", { name: "The expiry date must be today or later" })).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "EMEA", exact: true })).toBeChecked();
    await expect(page.getByRole("button", { name: "Remove Hooli", exact: true })).toBeVisible();

    await page.getByLabel("Expiry date (optional)").fill("2099-12-31");
    await page.getByRole("button", { name: "Add credential", exact: true }).click();
    const created = page.getByRole("region", { name: `Credential ${name} added` });
    await expect(created).toBeVisible();
    await expect(page).not.toHaveTitle(/^Error: /);
    await expect(created).toContainText("it is shown only this once");
    const clientId = (await page.getByTestId("client-id").textContent())!.trim();
    const secret = (await page.getByTestId("client-secret").textContent())!.trim();
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(secret.length).toBeGreaterThanOrEqual(43);
    await expect(nameField).toHaveValue("");

    const table = page.getByRole("table", { name: "Your API credentials" });
    const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
    await expect(row).toContainText("Help Desk");
    await expect(row).toContainText("1 group, 1 customer");
    await expect(row).toContainText("Never");
    await expect(row).toContainText("Dec 31, 2099");

    // The tool: a token from the running server with the secret shown, then a call.
    const token = await request.post("/api/v2/oauth2/token", {
      form: { grant_type: "client_credentials", client_id: clientId, client_secret: secret, scope: "token" },
    });
    expect(token.status()).toBe(200);
    expect(token.headers()["set-cookie"]).toBeUndefined();
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const whoami = await request.get("/whoami/v1", { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(whoami.status()).toBe(200);
    const { id: partnerId } = (await whoami.json()) as { id: string };
    // Its access: the EMEA group's customers and Hooli, nobody else.
    const tenants = await request.get("/partner/v1/tenants?pageSize=100&fields=name", {
      headers: { Authorization: `Bearer ${accessToken}`, "X-Partner-ID": partnerId },
    });
    const names = ((await tenants.json()) as { items: { name: string }[] }).items.map((tenant) => tenant.name);
    expect(names).toContain("Hooli");
    expect(names).toContain("Globex Corporation");
    expect(names).not.toContain("Acme Corp");

    // The secret is never shown again.
    await page.goto("/api-credentials");
    await expect(page.getByText(secret)).toHaveCount(0);
    await expect(row).not.toContainText("Never");

    // Delete: a confirmation page first.
    await row.getByRole("link", { name: `Delete credential ${name}`, exact: true }).click();
    await expect(page).toHaveURL(/\/api-credentials\/\d+\/delete$/);
    await expect(page.getByRole("heading", { name: `Delete credential ${name}?`, level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Delete credential", exact: true }).click();
    await expect(page).toHaveURL(/\/api-credentials$/);
    await expect(page.getByRole("main").getByRole("status")).toHaveText(`Credential ${name} deleted. Its tokens no longer work.`);
    await expect(table.getByRole("rowheader", { name, exact: true })).toHaveCount(0);
    const after = await request.get("/whoami/v1", { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(after.status()).toBe(401);
    expect(await after.json()).toMatchObject({ error: "unauthorized" });
  });

  test("the page, its error state, a new credential and the delete page have no axe violations", async ({ a11yPage }, testInfo) => {
    const name = own(testInfo, "Axe");
    await signIn(a11yPage, superAdmin.email);
    await a11yPage.goto("/api-credentials");
    await expectNoAxeViolations(a11yPage, testInfo, "API credentials");
    await a11yPage.getByRole("button", { name: "Add credential", exact: true }).click();
    await expect(errorSummary(a11yPage)).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "API credentials with errors");
    await a11yPage.getByLabel("Name", { exact: true }).fill(name);
    await a11yPage.getByRole("radio", { name: "Read-only", exact: true }).check();
    await a11yPage.getByRole("radio", { name: "Chosen groups and customers", exact: true }).check();
    await a11yPage.getByLabel("Find customers to add").fill("Hooli");
    await a11yPage.getByRole("button", { name: "Search", exact: true }).click();
    await expect(a11yPage.getByRole("button", { name: "Add Hooli", exact: true })).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "API credentials with customers found");
    await a11yPage.getByRole("button", { name: "Add Hooli", exact: true }).click();
    await a11yPage.getByRole("button", { name: "Add credential", exact: true }).click();
    await expect(a11yPage.getByRole("region", { name: `Credential ${name} added` })).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "API credentials with a new credential");
    await a11yPage
      .getByRole("table", { name: "Your API credentials" })
      .getByRole("link", { name: `Delete credential ${name}`, exact: true })
      .click();
    await expect(a11yPage.getByRole("heading", { level: 1 })).toHaveText(`Delete credential ${name}?`);
    await expectNoAxeViolations(a11yPage, testInfo, "Delete credential");
  });

  test("at 320 px wide the page does not scroll sideways", async ({ a11yPage: page }) => {
    // a11yPage: the same server-rendered page, in a context where measuring can run.
    await page.setViewportSize({ width: 320, height: 800 });
    await signIn(page, superAdmin.email);
    await page.goto("/api-credentials");
    await expect(page.getByRole("heading", { name: "API credentials", level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("an admin gets the 403 page", async ({ page }) => {
    await signIn(page, admin.email);
    const response = await page.goto("/api-credentials");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });
});
