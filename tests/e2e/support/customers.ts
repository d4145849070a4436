import { expect, type Locator, type Page } from "@playwright/test";

/** The customers table, found by its caption (its accessible name). */
export function customersTable(page: Page): Locator {
  return page.getByRole("table", { name: "Your customers and the state of their licenses" });
}

/** The live count under the search form ("58 customers", "1 customer found"). */
export function resultsStatus(page: Page): Locator {
  return page.getByRole("main").getByRole("status").filter({ hasText: /\d+ customers?\b/ });
}

/** The names in the table's row headers, in the order shown. */
export async function customerNamesOnPage(page: Page): Promise<string[]> {
  // allInnerTexts does not wait: wait for the whole page (without JavaScript
  // a navigation may still be arriving) and for the answer to be on it.
  await page.waitForLoadState("load");
  await expect(resultsStatus(page)).toBeVisible();
  const names = await customersTable(page).getByRole("rowheader").getByRole("link").allInnerTexts();
  return names.map((name) => name.trim());
}

/** The table row whose row header names this customer. */
export function customerRow(page: Page, name: string): Locator {
  return customersTable(page)
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name }) });
}

/**
 * The cell of `row` under the column headed `column` ("Groups"), found by
 * the header's position, so a new column does not break the tests.
 */
export async function cellUnder(page: Page, row: Locator, column: string): Promise<Locator> {
  await page.waitForLoadState("load");
  await expect(row).toBeVisible();
  const headers = (await customersTable(page).getByRole("columnheader").allInnerTexts()).map((h) => h.trim());
  const index = headers.indexOf(column);
  if (index === -1) throw new Error(`No column "${column}" in ${JSON.stringify(headers)}`);
  return row.locator(":scope > th, :scope > td").nth(index);
}

/** Searches with the "Search customers" field and waits for the answer. */
export async function searchCustomers(page: Page, query: string): Promise<void> {
  await page.getByLabel("Search customers", { exact: true }).fill(query);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const encoded = new URLSearchParams({ q: query }).toString().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await expect(page).toHaveURL(new RegExp(`[?&]${encoded}(&|$)`));
  // Without JavaScript the URL changes as the new page starts to arrive.
  await page.waitForLoadState("load");
  await expect(page.getByLabel("Search customers", { exact: true })).toHaveValue(query);
}

/** The number a results status shows ("58 customers" gives 58). */
export async function countInStatus(page: Page): Promise<number> {
  await page.waitForLoadState("load");
  const text = await resultsStatus(page).innerText();
  const match = /(\d[\d.,\u00a0 ]*)/.exec(text);
  if (!match?.[1]) throw new Error(`No number in the results status: ${text}`);
  return Number(match[1].replace(/[^\d]/g, ""));
}
