/**
 * Partner Assistance in a browser, with JavaScript on and off (F12, F13,
 * F14): a partner asks a customer's approval; the customer's admin answers it
 * and turns Partner Assistance on and off in Central Admin; a partner user
 * launches a customer's console, with the banner and the way back, read-only
 * for a Read-only user; axe on every new page and state.
 *
 * Both projects and both workers share one database, so a journey that
 * changes a customer changes its own, in one project only, and leaves it as
 * other specs expect it (Partner Assistance off, no launch):
 *   - a request: Initech by an admin (JavaScript off), and its twin,
 *     "Evergreen Hotels 29 Co" (a term customer: off, never asked; outside
 *     the admin's designation, so a super admin asks) with JavaScript on.
 *     Neither matches the search "a" whose list accessibility.spec.ts loads
 *     twice. (customer-details.spec.ts reads Evergreen Hotels' groups with
 *     JavaScript off, and changes nothing; its Partner Assistance is ours.)
 *   - the customer's answer: Vandelay Industries (off), asked, approved and
 *     turned off again by its admin;
 *   - turning it on and off: Acme Corp (on), by its admin.
 *   The last two are the only customers with a customer admin; both match
 *   "a", so their journeys are kept short and end as they began.
 * Launching changes no customer (only the session), so those journeys run in
 * both projects on Hooli and Globex; the seeded waiting and refused requests
 * ("Harbor Engineering 2 Pty", "Blue Studios 5 S.A.") are only read.
 */
import type { Browser, Page, TestInfo } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { signIn } from "./support/sign-in";
import { acmeAdmin, admin, readOnly, superAdmin, vandelayAdmin, type CustomerAccount } from "./support/accounts";
import { cellUnder, customerRow, searchCustomers } from "./support/customers";
import { accountFact, detailsLink, expectDetailsPage, flash, openDetails } from "./support/details";
import { expectNoAxeViolations } from "./support/axe";

/** A customer only this test and project touches. */
function own<T>(javaScriptEnabled: boolean, whenOn: T, whenOff: T): T {
  return javaScriptEnabled ? whenOn : whenOff;
}

/** A day as the pages write it in English ("Nov 3, 2026"), `days` from today. */
function dateIn(days: number): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.now() + days * 86_400_000));
}

const today = () => dateIn(0);

const ROW_OFF = "To launch, the customer's admin must turn on Partner Assistance: Account details > Support > Partner Assistance";
const BANNER = "Customer console you are managing";

function banner(page: Page) {
  return page.getByRole("region", { name: BANNER, exact: true });
}

/** Opens the Customers list and searches it for the customer (from any page). */
async function findOnList(page: Page, name: string): Promise<void> {
  await page.goto("/customers");
  await searchCustomers(page, name);
}

async function assistanceCell(page: Page, name: string) {
  return cellUnder(page, customerRow(page, name), "Partner Assistance");
}

/** A second person at another browser, with the project's JavaScript setting. */
async function otherBrowser(browser: Browser, baseURL: string | undefined, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: "en-GB", javaScriptEnabled });
  return context.newPage();
}

/**
 * Runs axe on what `page` shows now. With JavaScript on, on `page` itself;
 * with it off, the `a11yPage` (signed in as the same user beforehand) opens
 * the same address, so the journey's own page is left as it is.
 */
async function scan(page: Page, a11yPage: Page, javaScriptEnabled: boolean, testInfo: TestInfo, label: string) {
  if (javaScriptEnabled) {
    await expectNoAxeViolations(page, testInfo, label);
    return;
  }
  const url = new URL(page.url());
  await a11yPage.goto(url.pathname + url.search);
  await expectNoAxeViolations(a11yPage, testInfo, label);
}

/** Signs in as the customer admin and opens Account details > Support > Partner Assistance from the navigation. */
async function openPartnerAssistance(page: Page, account: CustomerAccount): Promise<void> {
  await signIn(page, account.email);
  await expect(page).toHaveURL(/\/central$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account details", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account details", exact: true })).toBeVisible();
  const support = page.getByRole("region", { name: "Support", exact: true });
  await support.getByRole("link", { name: "Partner Assistance", exact: true }).click();
  await expect(page).toHaveURL(/\/central\/partner-assistance$/);
  await expect(page.getByRole("heading", { level: 1, name: "Partner Assistance", exact: true })).toBeVisible();
  await page.waitForLoadState("load");
}

test.describe("requesting a customer's approval", () => {
  test("a partner asks a customer's approval from its row: Requested on today, and no second Request approval", async ({
    page,
    javaScriptEnabled,
  }) => {
    const user = own(javaScriptEnabled, superAdmin, admin);
    const name = own(javaScriptEnabled, "Evergreen Hotels 29 Co", "Initech");
    await signIn(page, user.email);
    await searchCustomers(page, name);
    await expect(await assistanceCell(page, name)).toHaveText("Off");
    const row = customerRow(page, name);
    await expect(row.getByText(ROW_OFF, { exact: true })).toBeVisible();
    await row.getByRole("button", { name: `Request approval: ${name}`, exact: true }).click();

    await expect(flash(page, `You asked ${name} for approval. The request waits for the customer's answer until ${dateIn(14)}.`)).toBeVisible();
    // Back on the list as it was.
    await expect(page).toHaveURL(/\/customers\?q=/);
    await expect(await assistanceCell(page, name)).toHaveText(`Requested on ${today()}`);
    await expect(row.getByRole("button", { name: /^Request approval/ })).toHaveCount(0);

    await detailsLink(page, name).click();
    await expectDetailsPage(page, name);
    await expect(accountFact(page, "Partner Assistance")).toHaveText(`Requested on ${today()}`);
    const section = page.getByRole("region", { name: "Partner Assistance", exact: true });
    await expect(section).toContainText(`A request for approval is already waiting for the customer's answer, until ${dateIn(14)}.`);
    await expect(page.getByRole("button", { name: /Request approval/ })).toHaveCount(0);
    await expect(section.getByRole("button", { name: "Launch customer" })).toHaveCount(0);
  });

  test("a help desk user is offered no Request approval, and is told what the customer must do", async ({ page }) => {
    await signIn(page, "helpdesk@northwind.test");
    await openDetails(page, "Wayne Logistics");
    const section = page.getByRole("region", { name: "Partner Assistance", exact: true });
    await expect(section).toContainText(
      "The customer's admin can turn on Partner Assistance in Central Admin: Account details > Support > Partner Assistance.",
    );
    await expect(page.getByRole("button", { name: /Request approval|Launch customer/ })).toHaveCount(0);
  });
});

test.describe("the customer's answer, and Partner Assistance turned on and off", () => {
  test(
    "a super admin asks Vandelay Industries; its admin approves; the partner can launch; turned off, the row says what to do",
    { tag: "@no-js-only" },
    async ({ page, a11yPage, browser, baseURL, javaScriptEnabled }, testInfo) => {
      const name = vandelayAdmin.customer;

      // The partner asks.
      await signIn(page, superAdmin.email);
      await searchCustomers(page, name);
      await expect(await assistanceCell(page, name)).toHaveText("Off");
      await customerRow(page, name).getByRole("button", { name: `Request approval: ${name}`, exact: true }).click();
      await expect(await assistanceCell(page, name)).toHaveText(`Requested on ${today()}`);

      // The customer's admin finds it in Account details > Support > Partner Assistance.
      const customer = await otherBrowser(browser, baseURL, javaScriptEnabled);
      await openPartnerAssistance(customer, vandelayAdmin);
      await signIn(a11yPage, vandelayAdmin.email);
      await expect(customer.getByText("Partner Assistance is off.", { exact: true })).toBeVisible();
      const requests = customer.getByRole("region", { name: "Requests from your partner", exact: true });
      await expect(requests).toContainText(
        `Northwind Security asks you to turn on Partner Assistance. Asked by Nadia Super on ${today()}. The request waits for your answer until ${dateIn(14)}.`,
      );
      await scan(customer, a11yPage, javaScriptEnabled, testInfo, "Partner Assistance with a request");

      await requests.getByRole("button", { name: "Approve the request from Northwind Security", exact: true }).click();
      await expect(flash(customer, "You approved the request from Northwind Security: Partner Assistance is on.")).toBeVisible();
      await expect(customer.getByText(`Partner Assistance is on, since ${today()}.`, { exact: true })).toBeVisible();
      await expect(requests).toContainText("There is no request waiting for your answer.");
      await scan(customer, a11yPage, javaScriptEnabled, testInfo, "Partner Assistance on");

      // The partner sees it on, turned on by the customer, and may launch.
      await findOnList(page, name);
      await expect(await assistanceCell(page, name)).toHaveText("On");
      await expect(customerRow(page, name).getByRole("button", { name: `Launch customer: ${name}`, exact: true })).toBeVisible();
      await detailsLink(page, name).click();
      await expectDetailsPage(page, name);
      await expect(accountFact(page, "Partner Assistance")).toHaveText("On (turned on by the customer)");

      // The customer turns it off again: the launch goes, and the row says what the customer must do.
      await customer.getByRole("button", { name: "Turn off Partner Assistance", exact: true }).click();
      await expect(flash(customer, "Partner Assistance is off: Northwind Security can no longer open this console.")).toBeVisible();
      await scan(customer, a11yPage, javaScriptEnabled, testInfo, "Partner Assistance off");
      await findOnList(page, name);
      await expect(await assistanceCell(page, name)).toHaveText("Off");
      await expect(customerRow(page, name).getByRole("button", { name: /^Launch customer/ })).toHaveCount(0);
      await expect(customerRow(page, name).getByText(ROW_OFF, { exact: true })).toBeVisible();
      await customer.context().close();
    },
  );

  test(
    "Acme Corp's admin turns Partner Assistance on: Launch customer appears for the partner; turned off, it goes",
    { tag: "@js-only" },
    async ({ page, browser, baseURL, javaScriptEnabled }, testInfo) => {
      const name = acmeAdmin.customer;
      const customer = await otherBrowser(browser, baseURL, javaScriptEnabled);
      await openPartnerAssistance(customer, acmeAdmin);
      await expect(customer.getByText("Partner Assistance is off.", { exact: true })).toBeVisible();
      await expectNoAxeViolations(customer, testInfo, "Partner Assistance off, no request");

      await signIn(page, superAdmin.email);
      await searchCustomers(page, name);
      await expect(customerRow(page, name).getByRole("button", { name: /^Launch customer/ })).toHaveCount(0);

      await customer.getByRole("button", { name: "Turn on Partner Assistance", exact: true }).click();
      await expect(flash(customer, "Partner Assistance is on: Northwind Security can now open this console to help you.")).toBeVisible();
      await expect(customer.getByRole("button", { name: "Turn off Partner Assistance", exact: true })).toBeVisible();
      await expectNoAxeViolations(customer, testInfo, "Partner Assistance on, no request");
      await page.reload();
      await expect(customerRow(page, name).getByRole("button", { name: `Launch customer: ${name}`, exact: true })).toBeVisible();
      await expect(await assistanceCell(page, name)).toHaveText("On");

      await customer.getByRole("button", { name: "Turn off Partner Assistance", exact: true }).click();
      await expect(flash(customer, "Partner Assistance is off: Northwind Security can no longer open this console.")).toBeVisible();
      await page.reload();
      await expect(await assistanceCell(page, name)).toHaveText("Off");
      await expect(customerRow(page, name).getByRole("button", { name: /^Launch customer/ })).toHaveCount(0);
      await expect(customerRow(page, name).getByText(ROW_OFF, { exact: true })).toBeVisible();
      await customer.context().close();
    },
  );

  test("a customer admin's Account details and its Support section have no axe violations", async ({ a11yPage }, testInfo) => {
    await signIn(a11yPage, acmeAdmin.email);
    await a11yPage.goto("/central/account");
    await expect(a11yPage.getByRole("heading", { level: 1, name: "Account details" })).toBeVisible();
    await expect(a11yPage.getByRole("region", { name: "Support" })).toContainText("Northwind Security");
    await expectNoAxeViolations(a11yPage, testInfo, "/central/account");
  });
});

test.describe("launching a customer", () => {
  test("a super admin launches Hooli: the banner names the user and the partner; Back to Partner Console ends it", async ({
    page,
  }) => {
    await signIn(page, superAdmin.email);
    await searchCustomers(page, "Hooli");
    await customerRow(page, "Hooli").getByRole("button", { name: "Launch customer: Hooli", exact: true }).click();
    await expect(page).toHaveURL(/\/central$/);
    await expect(page.getByRole("heading", { level: 1, name: "Hooli", exact: true })).toBeVisible();
    await expect(banner(page)).toContainText("You are managing Hooli as Nadia Super of Northwind Security.");
    await expect(page.getByRole("banner")).toContainText("Customer: Hooli");

    // Account details, without the Partner Assistance setting; its page does not exist here.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account details", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Account details" })).toBeVisible();
    await expect(banner(page)).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: "Partner Assistance" })).toHaveCount(0);
    await expect(page.getByRole("main")).toContainText("Only the customer's own admin can see and change Partner Assistance.");
    const response = await page.goto("/central/partner-assistance");
    expect(response?.status()).toBe(404);
    await expect(banner(page)).toBeVisible();

    await banner(page).getByRole("button", { name: "Back to Partner Console", exact: true }).click();
    await expectDetailsPage(page, "Hooli");
    await expect(flash(page, "You are back in the Partner Console. You no longer manage Hooli.")).toBeVisible();
    await expect(banner(page)).toHaveCount(0);
    expect((await page.request.get("/central")).status()).toBe(403);
  });

  test("a read-only user launches Globex from its details and finds no form in the console", async ({ page }) => {
    await signIn(page, readOnly.email);
    await openDetails(page, "Globex");
    const section = page.getByRole("region", { name: "Partner Assistance", exact: true });
    await expect(section).toContainText("Your role opens the customer's console read-only.");
    await section.getByRole("button", { name: "Launch customer", exact: true }).click();
    await expect(page).toHaveURL(/\/central$/);
    await expect(page.getByRole("heading", { level: 1, name: "Globex", exact: true })).toBeVisible();
    await expect(banner(page)).toContainText("You are managing Globex as Rui Readonly of Northwind Security.");
    await expect(banner(page)).toContainText("Read-only: you can see every page, but change nothing.");
    await expect(page.getByRole("main").locator("form")).toHaveCount(0);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account details", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Account details" })).toBeVisible();
    await page.waitForLoadState("load");
    await expect(page.getByRole("main").locator("form")).toHaveCount(0);
    await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);

    await banner(page).getByRole("button", { name: "Back to Partner Console", exact: true }).click();
    await expectDetailsPage(page, "Globex");
  });

  test("a customer whose Partner Assistance is off offers no launch, and says what the customer must do", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await openDetails(page, "Wayne Logistics");
    const section = page.getByRole("region", { name: "Partner Assistance", exact: true });
    await expect(section.getByRole("button", { name: "Launch customer" })).toHaveCount(0);
    await expect(section).toContainText("Account details > Support > Partner Assistance");
    await expect(section.getByRole("button", { name: "Request approval", exact: true })).toBeVisible();
  });

  test("the launched console, its Account details and the way back have no axe violations, at 320 px too", async ({
    a11yPage,
  }, testInfo) => {
    await signIn(a11yPage, superAdmin.email);
    await searchCustomers(a11yPage, "Hooli");
    await customerRow(a11yPage, "Hooli").getByRole("button", { name: "Launch customer: Hooli", exact: true }).click();
    await expect(a11yPage).toHaveURL(/\/central$/);
    await expect(banner(a11yPage)).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "launched /central");
    await a11yPage.goto("/central/account");
    await expectNoAxeViolations(a11yPage, testInfo, "launched /central/account");
    await a11yPage.goto("/central/leave");
    await expect(a11yPage.getByRole("heading", { level: 1, name: "Back to Partner Console" })).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "/central/leave");
    await a11yPage.setViewportSize({ width: 320, height: 800 });
    await a11yPage.goto("/central");
    await expectNoAxeViolations(a11yPage, testInfo, "launched /central at 320 px");
    // Reflow: the banner's words and its button fit the width, with no sideways scroll.
    const overflow = await a11yPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("a read-only launch has no axe violations", async ({ a11yPage }, testInfo) => {
    await signIn(a11yPage, readOnly.email);
    await openDetails(a11yPage, "Globex");
    await expectNoAxeViolations(a11yPage, testInfo, "details with a read-only launch");
    await a11yPage.getByRole("button", { name: "Launch customer", exact: true }).click();
    await expect(banner(a11yPage)).toContainText("Read-only");
    await expectNoAxeViolations(a11yPage, testInfo, "read-only launched /central");
  });
});

test.describe("Partner Assistance on the list and the details page, accessibility", () => {
  test("rows and details with a waiting request, a refusal, a launch and none have no axe violations", async ({
    a11yPage,
  }, testInfo) => {
    await signIn(a11yPage, superAdmin.email);
    await searchCustomers(a11yPage, "Harbor Engineering 2 Pty");
    await expect(await assistanceCell(a11yPage, "Harbor Engineering 2 Pty")).toHaveText(/^Requested on /);
    await expectNoAxeViolations(a11yPage, testInfo, "row with a waiting request");
    await detailsLink(a11yPage, "Harbor Engineering 2 Pty").click();
    await expectDetailsPage(a11yPage, "Harbor Engineering 2 Pty");
    await expectNoAxeViolations(a11yPage, testInfo, "details with a waiting request");

    await findOnList(a11yPage, "Blue Studios 5");
    await expect(await assistanceCell(a11yPage, "Blue Studios 5 S.A.")).toHaveText(/^Refused on /);
    await expect(customerRow(a11yPage, "Blue Studios 5 S.A.").getByRole("button", { name: /^Request approval/ })).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "row with a refusal");

    await a11yPage.goto("/customers?assistance=on");
    await expectNoAxeViolations(a11yPage, testInfo, "rows with Launch customer");
  });
});
