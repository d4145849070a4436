/**
 * F8 and F9 in a browser, with JavaScript on and off: choosing customers on
 * the list, "Update billing type" and "Unlink" with their confirmation and
 * result pages, "Cancel unlink" on the details page, and axe on each page and
 * error state.
 *
 * Both projects run at once against one database that other specs read, so
 * each project changes customers of its own that no other spec looks at:
 *   - converted to monthly: "Granite Foods 34 LLC" (on), "Iron Farms 32 LLC"
 *     (off): trials the customer started, like Acme Corp. Acme Corp itself
 *     is not converted: customers-list.spec.ts expects it to be a trial with
 *     Partner Assistance off, and partner-assistance.spec.ts uses it;
 *   - unlinked at once: "Iron Hotels 6 Inc" (on), "Summit Foods 9 Co" (off):
 *     trials, which are unlinked at once as Stark Retail would be. Stark
 *     Retail itself stays: customers-list.spec.ts finds every named customer;
 *   - scheduled, then cancelled: "Summit Studios 41 Ltd" (on), Soylent Foods
 *     (off), monthly accounts;
 *   - only refused, so never changed here, in both: Vandelay Industries (not
 *     a trial, whatever its Partner Assistance) and Wayne Logistics (licenses
 *     ended 20 days ago).
 * None of the changed ones but the two converted matches the search "a",
 * whose page accessibility.spec.ts loads twice and compares. Everything is
 * chosen on the list sorted by billing type, last first (monthly, trials,
 * then terms from Z), where all of them are on the first page.
 */
import type { Page, TestInfo } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { signIn } from "./support/sign-in";
import { admin, contosoSuperAdmin, superAdmin } from "./support/accounts";
import { cellUnder, customerRow, customersTable, resultsStatus, searchCustomers } from "./support/customers";
import { expectNoAxeViolations } from "./support/axe";
import { SPANISH_BROWSER } from "./support/browsers";
import { accountFact, detailsLink, expectDetailsPage, flash } from "./support/details";

/** A customer only this test and project touches. */
function own<T>(javaScriptEnabled: boolean, whenOn: T, whenOff: T): T {
  return javaScriptEnabled ? whenOn : whenOff;
}

/** The list, sorted so that every customer these tests choose is on its first page. */
const CHOOSING_LIST = "/customers?sort=billing&dir=desc";

/** A date as the pages write it in English (formatDate: medium, UTC). */
function englishDate(ms: number): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(ms));
}

function firstOfNextMonth(): number {
  const today = new Date();
  return Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1);
}

const selectBox = (page: Page, name: string) => page.getByRole("checkbox", { name: `Select ${name}`, exact: true });

async function openChoosingList(page: Page): Promise<void> {
  await page.goto(CHOOSING_LIST);
  // In either language: the table's first row is there.
  await expect(page.getByRole("table").getByRole("rowheader").first()).toBeVisible();
}

async function choose(page: Page, names: string[]): Promise<void> {
  for (const name of names) await selectBox(page, name).check();
}

/**
 * Runs axe on what the user sees now. With JavaScript off, axe runs on
 * `a11yPage` (scripts blocked, signed in there too): it loads the same
 * address, which every page here has (the result pages included).
 */
async function scan(page: Page, a11yPage: Page, testInfo: TestInfo, label: string): Promise<void> {
  if (a11yPage !== page) {
    await a11yPage.goto(page.url());
  }
  await expectNoAxeViolations(a11yPage, testInfo, label);
}

/** Signs in on the page, and on the axe page when it is another one (JavaScript off). */
async function signInBoth(page: Page, a11yPage: Page, email: string): Promise<void> {
  await signIn(page, email);
  if (a11yPage !== page) await signIn(a11yPage, email);
}

test.describe("choosing customers on the list", () => {
  test("a super admin gets a labelled checkbox of at least 24 px per row, none for a managed customer order", async ({ page, a11yPage }, testInfo) => {
    await signInBoth(page, a11yPage, superAdmin.email);
    await openChoosingList(page);
    const vandelay = selectBox(page, "Vandelay Industries");
    await expect(vandelay).toBeVisible();
    const box = await vandelay.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(24);
    expect(box?.height).toBeGreaterThanOrEqual(24);
    // The checkbox is in its own first column, before the customer's name.
    const row = customerRow(page, "Vandelay Industries");
    await expect(row.locator(":scope > td").first().getByRole("checkbox")).toHaveAccessibleName("Select Vandelay Industries");
    await expect(customerRow(page, "Umbrella Health")).toBeVisible();
    await expect(selectBox(page, "Umbrella Health")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Update billing type", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Unlink", exact: true })).toBeVisible();
    await scan(page, a11yPage, testInfo, "/customers with checkboxes");
  });

  test("an admin gets no checkbox and no button", async ({ page }) => {
    await signIn(page, admin.email);
    await expect(resultsStatus(page)).toBeVisible();
    await expect(customersTable(page).getByRole("checkbox")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Unlink", exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Update billing type", exact: true })).toHaveCount(0);
  });

  test("a super admin of a partner without Flex MSP can unlink but not update billing type", async ({ page }) => {
    await signIn(page, contosoSuperAdmin.email);
    await expect(resultsStatus(page)).toBeVisible();
    await expect(page.getByRole("button", { name: "Unlink", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Update billing type", exact: true })).toHaveCount(0);
  });

  test("pressing a button with nothing chosen says to select at least one customer", async ({ page, a11yPage }, testInfo) => {
    await signInBoth(page, a11yPage, superAdmin.email);
    await openChoosingList(page);
    await page.getByRole("button", { name: "Unlink", exact: true }).click();
    await expect(page).toHaveURL(/\/customers\/unlink(\?|$)/);
    await expect(page.getByRole("heading", { level: 1, name: "Select at least one customer" })).toBeVisible();
    await scan(page, a11yPage, testInfo, "/customers/unlink with nothing chosen");
    await page.getByRole("link", { name: "Back to customers" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  });
});

test.describe("update billing type", () => {
  test("a super admin converts a trial to monthly, and is told why Vandelay Industries cannot be", async ({ page, a11yPage, javaScriptEnabled }, testInfo) => {
    const trial = own(javaScriptEnabled, "Granite Foods 34 LLC", "Iron Farms 32 LLC");
    await signInBoth(page, a11yPage, superAdmin.email);
    await openChoosingList(page);
    await choose(page, [trial, "Vandelay Industries"]);
    await page.getByRole("button", { name: "Update billing type", exact: true }).click();

    await expect(page).toHaveURL(/\/customers\/billing\?ids=\d+&ids=\d+$/);
    await expect(page.getByRole("heading", { level: 1, name: "Update billing type" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText("Every product trial of these accounts ends now.");
    const eligible = page.getByRole("region", { name: "Will become monthly accounts", exact: true });
    await expect(eligible.getByRole("listitem")).toHaveText([trial]);
    const refused = page.getByRole("region", { name: "Cannot be converted", exact: true });
    await expect(refused.getByRole("listitem")).toHaveText([
      "Vandelay Industries: Only trial customers can be changed to monthly billing.",
    ]);
    await scan(page, a11yPage, testInfo, "/customers/billing");

    await page.getByRole("button", { name: "Convert to monthly", exact: true }).click();
    await expect(page).toHaveURL(/\/customers\/billing\?done=1&/);
    await expect(page.getByRole("heading", { level: 1, name: "Billing type update: results" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Converted", exact: true }).getByRole("listitem")).toHaveText([
      `${trial}: Now a monthly account: its trials ended and Partner Assistance is on.`,
    ]);
    await expect(page.getByRole("region", { name: "Not converted", exact: true }).getByRole("listitem")).toHaveText([
      "Vandelay Industries: Only trial customers can be changed to monthly billing.",
    ]);
    await scan(page, a11yPage, testInfo, "/customers/billing results");

    // The result page is an address: reloading it shows the same and converts nothing again.
    await page.reload();
    await expect(page.getByRole("region", { name: "Converted", exact: true }).getByRole("listitem")).toHaveText([new RegExp(`^${trial.replace(/\./g, "\\.")}:`)]);

    await page.getByRole("link", { name: "Back to customers" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
    await searchCustomers(page, trial);
    await expect(await cellUnder(page, customerRow(page, trial), "Billing type")).toHaveText("Monthly");
    await expect(await cellUnder(page, customerRow(page, trial), "Partner Assistance")).toHaveText("On");
  });
});

test.describe("unlink", () => {
  test("a super admin unlinks a trial at once, is refused Wayne Logistics with a date, schedules a monthly account and cancels it", async ({ page, a11yPage, javaScriptEnabled }, testInfo) => {
    const trial = own(javaScriptEnabled, "Iron Hotels 6 Inc", "Summit Foods 9 Co");
    const monthly = own(javaScriptEnabled, "Summit Studios 41 Ltd", "Soylent Foods");
    const scheduledFor = englishDate(firstOfNextMonth());
    await signInBoth(page, a11yPage, superAdmin.email);
    await openChoosingList(page);
    await choose(page, [trial, "Wayne Logistics", monthly]);
    await page.getByRole("button", { name: "Unlink", exact: true }).click();

    // What will happen to each.
    await expect(page).toHaveURL(/\/customers\/unlink\?ids=\d+&ids=\d+&ids=\d+$/);
    const confirmationUrl = page.url();
    await expect(page.getByRole("heading", { level: 1, name: "Unlink customers" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Will be unlinked at once", exact: true }).getByRole("listitem")).toHaveText([
      `${trial}: Unlinked as soon as you confirm.`,
    ]);
    await expect(
      page.getByRole("region", { name: "Will be unlinked on the first day of next month", exact: true }).getByRole("listitem"),
    ).toHaveText([
      `${monthly}: A monthly account: its unlink is scheduled for ${scheduledFor}. It can be cancelled until then on its details page.`,
    ]);
    await expect(page.getByRole("region", { name: "Cannot be unlinked", exact: true }).getByRole("listitem")).toHaveText([
      /^Wayne Logistics: This customer has an active license, or one that ended less than 60 days ago: it can be unlinked from [A-Z][a-z]{2} \d{1,2}, \d{4}\.$/,
    ]);
    await scan(page, a11yPage, testInfo, "/customers/unlink");

    // Without the explicit yes: the error summary, the field's error, "Error: " in the title, the choice kept.
    await page.getByRole("button", { name: "Unlink", exact: true }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary).toBeVisible();
    await expect(summary.getByRole("link", { name: "Confirm that the unlink is effective immediately" })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: Unlink customers/);
    const confirm = page.getByRole("checkbox", { name: "Yes, make the unlink effective immediately" });
    await expect(confirm).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("region", { name: "Will be unlinked at once", exact: true }).getByRole("listitem")).toHaveText([
      `${trial}: Unlinked as soon as you confirm.`,
    ]);
    if (a11yPage !== page) {
      // The error state without JavaScript: the same post from the scanned page.
      await a11yPage.goto(confirmationUrl);
      await a11yPage.getByRole("button", { name: "Unlink", exact: true }).click();
      await expect(a11yPage.getByRole("heading", { name: "There is a problem" })).toBeVisible();
      await expectNoAxeViolations(a11yPage, testInfo, "/customers/unlink with its error");
    } else {
      await expectNoAxeViolations(page, testInfo, "/customers/unlink with its error");
    }

    // With it.
    await confirm.check();
    await page.getByRole("button", { name: "Unlink", exact: true }).click();
    await expect(page).toHaveURL(/\/customers\/unlink\?done=1&/);
    await expect(page.getByRole("heading", { level: 1, name: "Unlink: results" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Unlinked", exact: true }).getByRole("listitem")).toHaveText([
      `${trial}: It has left your list.`,
    ]);
    await expect(page.getByRole("region", { name: "Unlink scheduled", exact: true }).getByRole("listitem")).toHaveText([
      `${monthly}: Unlink scheduled for ${scheduledFor}. You can cancel it on its details page until then.`,
    ]);
    await expect(page.getByRole("region", { name: "Not unlinked", exact: true }).getByRole("listitem")).toHaveText([/^Wayne Logistics: /]);
    await scan(page, a11yPage, testInfo, "/customers/unlink results");

    // The unlinked customer has left the list; the scheduled one shows its date there.
    await page.getByRole("link", { name: "Back to customers" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
    await searchCustomers(page, trial);
    await expect(resultsStatus(page)).toHaveText("0 customers found");
    await searchCustomers(page, monthly);
    await expect(customerRow(page, monthly).getByRole("rowheader")).toContainText(`Unlink scheduled for ${scheduledFor}`);

    // Its details page says so, and takes it back.
    await detailsLink(page, monthly).click();
    await expectDetailsPage(page, monthly);
    await expect(accountFact(page, "Unlink")).toContainText(`Unlink scheduled for ${scheduledFor}`);
    await scan(page, a11yPage, testInfo, "details with a scheduled unlink");
    await page.getByRole("button", { name: "Cancel unlink", exact: true }).click();
    await expect(flash(page, `The unlink of ${monthly} is cancelled: it stays in your list.`)).toBeVisible();
    await expect(page.getByRole("button", { name: "Cancel unlink", exact: true })).toHaveCount(0);
    await expect(accountFact(page, "Unlink")).toHaveCount(0);
  });

  test.describe("in Spanish", () => {
    test.use(SPANISH_BROWSER);

    test("the confirmation page speaks Spanish, with dates in Spanish", async ({ page, a11yPage }, testInfo) => {
      await signInBoth(page, a11yPage, superAdmin.email);
      await openChoosingList(page);
      await page.getByRole("checkbox", { name: "Seleccionar Wayne Logistics", exact: true }).check();
      await page.getByRole("button", { name: "Desvincular", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Desvincular clientes" })).toBeVisible();
      await expect(page.getByRole("region", { name: "No se pueden desvincular", exact: true }).getByRole("listitem")).toHaveText([
        /^Wayne Logistics: .* se puede desvincular a partir del \d{1,2} [a-z]{3,5}\.? \d{4}\.$/,
      ]);
      // Nothing can be unlinked: no button, the way back instead.
      await expect(page.getByRole("button", { name: "Desvincular", exact: true })).toHaveCount(0);
      await expect(page.getByRole("link", { name: "Volver a clientes", exact: true })).toBeVisible();
      await scan(page, a11yPage, testInfo, "/customers/unlink (es)");
    });
  });
});
