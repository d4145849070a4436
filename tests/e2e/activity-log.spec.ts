/**
 * F16 in a browser, with JavaScript on and off: a Super Admin's rename shows
 * in the activity log with who, before and after; the filters narrow it and
 * the CSV export holds exactly the filtered rows; a bad date is explained at
 * its field and in the error summary; other roles get a 403; axe on the page
 * and its error state.
 *
 * Renames change shared demo data, so each test renames a generated
 * customer that no other test looks at, a different one per project.
 */
import fs from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { signIn } from "./support/sign-in";
import { helpDesk, superAdmin } from "./support/accounts";
import { searchCustomers } from "./support/customers";
import { expectNoAxeViolations } from "./support/axe";

/** A customer only this test and project touches. */
function own(javaScriptEnabled: boolean, whenOn: string, whenOff: string): string {
  return javaScriptEnabled ? whenOn : whenOff;
}

/** Renames a customer through its contact card's "Edit", as a person would, and waits for the list. */
async function rename(page: Page, name: string, newName: string): Promise<void> {
  await searchCustomers(page, name);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(/\/customers\/\d+\/contact/);
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page).toHaveURL(/\/customers\/\d+\/name/);
  await page.getByLabel("Name shown as").fill(newName);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `The name shown for ${newName} is saved.` })).toBeVisible();
}

async function openActivityLog(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity", exact: true }).click();
  await expect(page).toHaveURL(/\/activity$/);
  await expect(page.getByRole("heading", { name: "Activity log", level: 1 })).toBeVisible();
  // Without JavaScript the URL changes as the new page starts to arrive.
  await page.waitForLoadState("load");
}

function logTable(page: Page): Locator {
  return page.getByRole("table", { name: "Changes and launches, newest first" });
}

/** The log's rows about a customer (by the link to it) of one kind. */
function entries(page: Page, customer: string, what: string): Locator {
  return logTable(page)
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: customer, exact: true }) })
    .filter({ has: page.getByRole("cell", { name: what, exact: true }) });
}

/** The live count above the table ("3 entries", "1 entry found"). */
function resultsStatus(page: Page): Locator {
  return page.getByRole("main").getByRole("status").filter({ hasText: /\d+ (entry|entries)\b/ });
}

/** Sends the filter form and waits for the page it asked for. */
async function filter(page: Page, expectedUrl: RegExp): Promise<void> {
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(expectedUrl);
  await page.waitForLoadState("load");
}

test.describe("the activity log", () => {
  test("a rename shows in the log with who made it and the name before and after", async ({ page, javaScriptEnabled }) => {
    const name = own(javaScriptEnabled, "Maple Accounting 21 GmbH", "Coastal Textiles 23 S.A.");
    const newName = `${name} (audited)`;
    await signIn(page, superAdmin.email);
    await rename(page, name, newName);
    await openActivityLog(page);
    const row = entries(page, newName, "Name changed");
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("cell", { name: superAdmin.name, exact: true })).toBeVisible();
    await expect(row).toContainText("Name shown as: (the legal name)");
    await expect(row).toContainText(`Name shown as: ${newName}`);
    await expect(row.getByRole("rowheader")).toContainText(/\d{4}.*UTC/);
    // The customer's name leads to its details.
    await row.getByRole("link", { name: newName, exact: true }).click();
    await expect(page).toHaveURL(/\/customers\/\d+$/);
    await expect(page.getByRole("heading", { name: newName, level: 1 })).toBeVisible();
  });

  test("filters by kind and customer narrow the log, and Export CSV downloads exactly those rows", async ({ page, javaScriptEnabled }) => {
    const name = own(javaScriptEnabled, "Summit Law Partners 18 S.A.", "Prairie Studios 17 Co");
    const newName = `${name} (filtered)`;
    await signIn(page, superAdmin.email);
    await rename(page, name, newName);
    await openActivityLog(page);

    await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Name changed" });
    await filter(page, /kind=customer\.rename/);
    await expect(page.getByLabel("Kind", { exact: true })).toHaveValue("customer.rename");
    const kinds = await logTable(page).getByRole("row").locator("td:nth-of-type(2)").allInnerTexts();
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.every((kind) => kind.trim() === "Name changed")).toBe(true);

    await page.getByLabel("Customer", { exact: true }).fill(name.split(" ").slice(0, 3).join(" "));
    await filter(page, /customer=/);
    await expect(page).toHaveURL(/kind=customer\.rename/);
    await expect(resultsStatus(page)).toHaveText("1 entry found");
    await expect(entries(page, newName, "Name changed")).toHaveCount(1);

    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^activity-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = (await fs.readFile(await download.path())).toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toBe("When (UTC),Who,What,Kind code,Customer,Before,After");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,${superAdmin.name},Name changed,customer.rename,${newName},Name shown as: (the legal name),Name shown as: ${newName}`);
  });

  test("a date that does not exist and a To before From are shown at the field and in the error summary", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await page.goto("/activity?from=2026-02-30");
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    const invalid = "The “From” date must be a real date, for example 2026-03-31";
    await expect(summary.getByRole("link", { name: invalid })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: Activity log/);
    const from = page.getByLabel("From", { exact: true });
    await expect(from).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("main").getByText(invalid, { exact: true }).last()).toBeVisible();
    // The log is still there, not filtered by the bad date.
    await expect(resultsStatus(page)).toBeVisible();

    await from.fill("2026-03-10");
    await page.getByLabel("To", { exact: true }).fill("2026-03-01");
    await filter(page, /to=2026-03-01/);
    const beforeFrom = "The “To” date must be the same as or after the “From” date";
    await expect(summary.getByRole("link", { name: beforeFrom })).toBeVisible();
    await expect(page.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("From", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("To", { exact: true })).toHaveValue("2026-03-01");
  });

  test("a Help Desk user has no Activity link and gets 403 at its address", async ({ page }) => {
    await signIn(page, helpDesk.email);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" })).toHaveCount(0);
    const response = await page.goto("/activity");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You cannot do this", level: 1 })).toBeVisible();
    const exported = await page.request.get("/activity/export", { maxRedirects: 0 });
    expect(exported.status()).toBe(403);
  });

  test("the activity log and its error state have no axe violations", async ({ a11yPage, javaScriptEnabled }, testInfo) => {
    // A rename first, so the scan has a table to look at whatever else has run.
    const name = own(javaScriptEnabled, "Red Media 47 S.A.", "Summit Accounting 48 Ltd");
    await signIn(a11yPage, superAdmin.email);
    await rename(a11yPage, name, `${name} (scanned)`);
    await a11yPage.goto("/activity");
    await expect(logTable(a11yPage)).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "activity log");
    await a11yPage.goto("/activity?from=2026-02-30&to=2026-01-01&kind=nope&page=999");
    await expect(a11yPage.getByText("There is a problem")).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "activity log with errors");
  });
});
