import { expect, type Locator, type Page } from "@playwright/test";
import { customerRow, searchCustomers } from "./customers";

/** A regular expression matching exactly this text (trimmed). */
function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
}

/**
 * The link whose accessible name begins with "Customer details": in the
 * customer's row of the list, or in `scope` (a contact card). Its whole name
 * ("Customer details: Initech") is checked on its own, in
 * customer-details.spec.ts, so a wrong name fails that test only.
 */
export function detailsLinkIn(scope: Locator): Locator {
  return scope.getByRole("link", { name: /^Customer details\b/ });
}

/** The "Customer details" link of a customer's row in the list. */
export function detailsLink(page: Page, name: string): Locator {
  return detailsLinkIn(customerRow(page, name));
}

/**
 * Searches the list for the customer and reads the address of its details
 * page from its row's "Customer details" link: ids are never guessed.
 */
export async function detailsPathOf(page: Page, name: string): Promise<string> {
  if (new URL(page.url()).pathname !== "/customers") await page.goto("/customers");
  await searchCustomers(page, name);
  const href = await detailsLink(page, name).getAttribute("href");
  if (!href) throw new Error(`The "Customer details" link of ${name} has no href`);
  const path = new URL(href, page.url()).pathname;
  expect(path, "a details page's address is /customers/<id>").toMatch(/^\/customers\/\d+$/);
  return path;
}

/** Searches the list for the customer, follows its row's "Customer details" link and waits for the page. */
export async function openDetails(page: Page, name: string): Promise<void> {
  if (new URL(page.url()).pathname !== "/customers") await page.goto("/customers");
  await searchCustomers(page, name);
  await detailsLink(page, name).click();
  await expectDetailsPage(page, name);
}

/** Waits until the details page of this customer is shown (with JavaScript on no load event fires). */
export async function expectDetailsPage(page: Page, name: string): Promise<void> {
  await expect(page).toHaveURL(/\/customers\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name, exact: true })).toBeVisible();
  // Without JavaScript the URL changes as the new page starts to arrive.
  await page.waitForLoadState("load");
}

/** The value of one fact of the "Account" list ("Billing type", "Partner Assistance"). */
export function accountFact(page: Page, label: string): Locator {
  return page
    .getByRole("region", { name: "Account", exact: true })
    .locator("dt")
    .filter({ hasText: exactly(label) })
    .locator("xpath=following-sibling::dd[1]");
}

/** The "Groups" section. */
export function groupsSection(page: Page): Locator {
  return page.getByRole("region", { name: "Groups", exact: true });
}

/** The entries of the customer's groups list (each a group's name, and for a Super Admin its "Remove from …"). */
export function groupEntries(page: Page): Locator {
  return groupsSection(page).getByRole("listitem");
}

/** The entry of one group in the customer's groups list. */
export function groupEntry(page: Page, group: string): Locator {
  return groupEntries(page).filter({ has: page.getByText(group, { exact: true }) });
}

/** The "Early access programs" section. */
export function programsSection(page: Page): Locator {
  return page.getByRole("region", { name: "Early access programs", exact: true });
}

/** One early access program's card, found by its heading. */
export function programCard(page: Page, program: string): Locator {
  return programsSection(page)
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 3, name: program, exact: true }) });
}

/** The flash message (role=status) with exactly these words. */
export function flash(page: Page, text: string): Locator {
  return page.getByRole("main").getByRole("status").filter({ hasText: exactly(text) });
}
