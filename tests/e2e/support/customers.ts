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
  const names = await customersTable(page).getByRole("rowheader").getByRole("link").allInnerTexts();
  return names.map((name) => name.trim());
}

/** Searches with the "Search customers" field and waits for the answer. */
export async function searchCustomers(page: Page, query: string): Promise<void> {
  await page.getByLabel("Search customers", { exact: true }).fill(query);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(query).replace(/%20/g, "(\\+|%20)")}(&|$)`));
  await expect(page.getByLabel("Search customers", { exact: true })).toHaveValue(query);
}

/** The number a results status shows ("58 customers" gives 58). */
export async function countInStatus(page: Page): Promise<number> {
  const text = await resultsStatus(page).innerText();
  const match = /(\d[\d.,\u00a0 ]*)/.exec(text);
  if (!match?.[1]) throw new Error(`No number in the results status: ${text}`);
  return Number(match[1].replace(/[^\d]/g, ""));
}
