/**
 * Issue 3 in a browser, with JavaScript on and off: search and filters,
 * "Show only my protection", the contact card and the display-name edit,
 * conflicting renames, the CSV export, and the Integrations page.
 *
 * Renames change shared demo data, so each test renames a generated
 * customer that no other test looks at, a different one per project.
 */
import fs from "node:fs/promises";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { signIn } from "./support/sign-in";
import { admin, readOnly, superAdmin } from "./support/accounts";
import { customerRow, countInStatus, resultsStatus, searchCustomers } from "./support/customers";
import { expectNoAxeViolations } from "./support/axe";

/** A customer only this test and project touches. */
function own(javaScriptEnabled: boolean, whenOn: string, whenOff: string): string {
  return javaScriptEnabled ? whenOn : whenOff;
}

async function openCard(page: Page, name: string) {
  await searchCustomers(page, name);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(/\/customers\/\d+\/contact/);
}

test.describe("search and filters", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, superAdmin.email);
  });

  test("a search ignores case and accents and matches an email domain", async ({ page }) => {
    for (const query of ["equipo", "EQUIPO", "médico", "equipo-medico.test"]) {
      await searchCustomers(page, query);
      await expect(page.getByRole("link", { name: "Équipo Médico Andaluz", exact: true })).toBeVisible();
      await expect(resultsStatus(page)).toHaveText("1 customer found");
    }
  });

  test("filters combine with the search, sort and page, and the URL holds them all", async ({ page }) => {
    await page.getByLabel("Billing type", { exact: true }).selectOption({ label: "Monthly" });
    await page.getByLabel("Group", { exact: true }).selectOption({ label: "EMEA" });
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/billing=usage/);
    await expect(page).toHaveURL(/group=\d+/);
    await expect(page.getByRole("link", { name: "Globex", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Initech", exact: true })).toHaveCount(0);
    await page.getByRole("link", { name: "Next license end" }).click();
    await expect(page).toHaveURL(/sort=licenseEnd/);
    await expect(page).toHaveURL(/billing=usage/);
    await expect(page.getByRole("columnheader", { name: "Next license end" })).toHaveAttribute("aria-sort", "ascending");
    await expect(page.getByLabel("Billing type", { exact: true })).toHaveValue("usage");
  });

  test("the back button returns to the previous search", async ({ page }) => {
    await searchCustomers(page, "hooli");
    await searchCustomers(page, "globex");
    await page.goBack();
    await expect(page).toHaveURL(/q=hooli/);
    await expect(page.getByRole("link", { name: "Hooli", exact: true })).toBeVisible();
  });

  test("clearing the field and searching shows every customer again", async ({ page }) => {
    await page.goto("/customers");
    const all = await countInStatus(page);
    await searchCustomers(page, "hooli");
    expect(await countInStatus(page)).toBe(1);
    await page.getByLabel("Search customers", { exact: true }).fill("");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(resultsStatus(page)).toHaveText(`${all} customers`);
  });

  test("an empty result says so and offers to clear", async ({ page }) => {
    await searchCustomers(page, "no such customer anywhere");
    await expect(page.getByText("No customers match your search.")).toBeVisible();
    await expect(resultsStatus(page)).toHaveText("0 customers found");
    await page.getByRole("main").getByRole("link", { name: "Clear search and filters" }).first().click();
    await expect(page).toHaveURL(/\/customers$/);
    // With JavaScript the address changes before the new list is on screen: wait for the unfiltered count.
    await expect(resultsStatus(page)).toHaveText(/^[\d,.]+ customers$/);
    expect(await countInStatus(page)).toBeGreaterThan(50);
  });

  test("search syntax and a very long search never break the page", async ({ page }) => {
    for (const query of ['"', "*", "NEAR", "a OR b", "' OR 1=1 --"]) {
      await searchCustomers(page, query);
      await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
    }
    await page.goto(`/customers?q=${"x".repeat(10_000)}`);
    await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
    await expect(page.getByText("Search for 100 characters or fewer")).toBeVisible();
  });

  test("Show only my protection hides categories that are not active", async ({ page }) => {
    await searchCustomers(page, "vandelay");
    const row = customerRow(page, "Vandelay Industries");
    await expect(row).toContainText("Firewall: revoked");
    await page.getByLabel("Show only my protection").check();
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/protection=on/);
    await expect(row).not.toContainText("Firewall");
    await expect(row).toContainText("Endpoint: active");
    await expect(page.getByLabel("Show only my protection")).toBeChecked();
  });

});

test.describe("search and filters, accessibility", () => {
  test("the filtered list and the empty result have no axe violations", async ({ a11yPage }, testInfo) => {
    await signIn(a11yPage, superAdmin.email);
    await a11yPage.goto("/customers?billing=term&status=expiring&protection=on&sort=billing&dir=desc");
    await expectNoAxeViolations(a11yPage, testInfo, "filtered list");
    await a11yPage.goto("/customers?q=nothing-matches-this");
    await expectNoAxeViolations(a11yPage, testInfo, "empty result");
  });
});

test.describe("contact card", () => {
  test("the name opens the contact card with the customer's contact details", async ({ page, javaScriptEnabled }) => {
    await signIn(page, superAdmin.email);
    await openCard(page, "Acme Corp");
    const card = javaScriptEnabled ? page.getByRole("dialog", { name: "Acme Corp" }) : page.getByRole("main");
    await expect(card).toBeVisible();
    if (!javaScriptEnabled) await expect(page.getByRole("heading", { name: "Acme Corp", level: 1 })).toBeVisible();
    await expect(card.getByText("Wile Coyote")).toBeVisible();
    await expect(card.getByRole("link", { name: "admin@acme.test" })).toBeVisible();
    await expect(card.getByText("Name shown as")).toBeVisible();
  });

  // Without JavaScript the card is a page of its own (tested above).
  test("with JavaScript the card is a modal dialog: focus moves in, Escape closes it and focus returns to the name @js-only", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await searchCustomers(page, "acme");
    const link = page.getByRole("link", { name: "Acme Corp", exact: true });
    await link.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Acme Corp" });
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL(/\/customers\/\d+\/contact\?q=acme/);
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(/\/customers\?q=acme(&|$)/);
    await expect(link).toBeFocused();
  });

  test("with JavaScript the Close button closes the card and focus returns to the name @js-only", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await openCard(page, "Hooli");
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Hooli", exact: true })).toBeFocused();
  });

  test("a card opened from a shared link leads back to the full list from the header", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await openCard(page, "Hooli");
    // Load the card's own address afresh, as a shared link would.
    await page.goto(new URL(page.url()).pathname);
    await expect(page.getByRole("heading", { name: "Hooli", level: 1 })).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
    await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
    expect(await countInStatus(page)).toBeGreaterThan(50);
  });

  test("the contact card has no axe violations", async ({ a11yPage, javaScriptEnabled }, testInfo) => {
    await signIn(a11yPage, superAdmin.email);
    await a11yPage.goto("/customers?q=acme");
    await a11yPage.getByRole("link", { name: "Acme Corp", exact: true }).click();
    if (javaScriptEnabled) await expect(a11yPage.getByRole("dialog")).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "contact card");
  });
});

test.describe("changing the name shown", () => {
  test("an admin renames a designated customer and the list shows the new name at once", async ({ page, javaScriptEnabled }) => {
    const name = own(javaScriptEnabled, "Golden Architects 42 Inc", "Sunrise Hotels 12 LLC");
    const renamed = `${name} (renamed)`;
    await signIn(page, admin.email);
    await openCard(page, name);
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await expect(page).toHaveURL(/\/customers\/\d+\/name/);
    await page.getByLabel("Name shown as").fill(renamed);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page).toHaveURL(/\/customers(\?|$)/);
    await expect(page.getByRole("status").filter({ hasText: `The name shown for ${renamed} is saved.` })).toBeVisible();
    await searchCustomers(page, "renamed");
    await expect(page.getByRole("link", { name: renamed, exact: true })).toBeVisible();
  });

  test("a read-only user gets no Edit, and the form and a direct save are refused with 403", async ({ page }) => {
    await signIn(page, readOnly.email);
    await openCard(page, "Initech");
    await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
    const cardUrl = new URL(page.url());
    const formPath = cardUrl.pathname.replace(/\/contact$/, "/name");
    const response = await page.goto(formPath);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You cannot do this", level: 1 })).toBeVisible();
    const post = await page.request.post(formPath, {
      form: { displayName: "Read-only was here", version: "1" },
      headers: { Origin: new URL(page.url()).origin },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(403);
    await page.goto("/customers?q=initech");
    await expect(page.getByRole("link", { name: "Initech", exact: true })).toBeVisible();
  });

  test("a name of only spaces is refused next to the field and in the summary; a long name is kept as typed", async ({ page, javaScriptEnabled }) => {
    const name = own(javaScriptEnabled, "Coastal Media 14 LLC", "Crystal Media 7 Inc");
    await signIn(page, superAdmin.email);
    await openCard(page, name);
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await page.getByLabel("Name shown as").fill("   ");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary).toBeVisible();
    await expect(summary.getByRole("link", { name: "Enter the name to show for this customer" })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: /);
    const tooLong = "L".repeat(101);
    await page.getByLabel("Name shown as").fill(tooLong);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(summary.getByRole("link", { name: "The name shown must be 100 characters or fewer" })).toBeVisible();
    await expect(page.getByLabel("Name shown as")).toHaveValue(tooLong);
    await expect(page.getByLabel("Name shown as")).toHaveAttribute("aria-invalid", "true");
  });

  test("of two conflicting renames the second is refused, shows the current name and keeps what was typed", async ({ page, browser, javaScriptEnabled }) => {
    const name = own(javaScriptEnabled, "Blue Dental 40 Inc", "Blue Farms 27 Inc");
    await signIn(page, superAdmin.email);
    await openCard(page, name);
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await expect(page).toHaveURL(/\/customers\/\d+\/name/);
    await expect(page.getByLabel("Name shown as")).toBeVisible();
    const formUrl = page.url();

    // Someone else saves first, in another browser.
    const other = await browser.newContext({ baseURL: new URL(formUrl).origin, javaScriptEnabled, locale: "en-GB" });
    const otherPage = await other.newPage();
    await signIn(otherPage, superAdmin.email);
    await otherPage.goto(formUrl);
    await otherPage.getByLabel("Name shown as").fill(`${name} First`);
    await otherPage.getByRole("button", { name: "Save", exact: true }).click();
    await expect(otherPage).toHaveURL(/\/customers(\?|$)/);
    await other.close();

    await page.getByLabel("Name shown as").fill(`${name} Second`);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("alert")).toContainText(`The name shown is now “${name} First”`);
    await expect(page.getByLabel("Name shown as")).toHaveValue(`${name} Second`);
    await expect(page).toHaveTitle(/^Error: /);

    // Asked again, the same save now goes through.
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: `The name shown for ${name} Second is saved.` })).toBeVisible();
  });

  test("the rename form and its errors have no axe violations", async ({ a11yPage }, testInfo) => {
    await signIn(a11yPage, superAdmin.email);
    await a11yPage.goto("/customers?q=oak%20clinics");
    await a11yPage.getByRole("link", { name: "Oak Clinics 46 LLC", exact: true }).click();
    await a11yPage.getByRole("link", { name: "Edit", exact: true }).click();
    await expect(a11yPage.getByLabel("Name shown as")).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "rename form");
    await a11yPage.getByLabel("Name shown as").fill(" ");
    await a11yPage.getByRole("button", { name: "Save", exact: true }).click();
    await expect(a11yPage.getByText("There is a problem")).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "rename form with errors");
  });
});

test.describe("CSV export", () => {
  test("Export CSV downloads exactly the rows the filtered list shows", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await page.goto("/customers?billing=usage");
    const count = await countInStatus(page);
    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = (await fs.readFile(await download.path())).toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toBe("Customer,Legal name,Billing type,Managed order,Groups,Licenses,Next license end,Partner Assistance,Contact email");
    expect(lines.length - 1).toBe(count);
    expect(lines.slice(1).every((line) => line.includes(",Monthly,"))).toBe(true);
  });
});

test.describe("Integrations", () => {
  test("a super admin sees how many changes wait for Salesforce", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" }).click();
    await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
    await expect(page.getByText("Salesforce settings are not configured")).toBeVisible();
    await expect(page.getByText("Waiting", { exact: true })).toBeVisible();
  });

  test("a read-only user has no Integrations link and gets 403 at its address", async ({ page }) => {
    await signIn(page, readOnly.email);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" })).toHaveCount(0);
    const response = await page.goto("/integrations");
    expect(response?.status()).toBe(403);
  });

  test("the Integrations page has no axe violations", async ({ a11yPage }, testInfo) => {
    await signIn(a11yPage, superAdmin.email);
    await a11yPage.goto("/integrations");
    await expectNoAxeViolations(a11yPage, testInfo, "integrations");
  });
});
