/**
 * F7 in a browser, with JavaScript on and off: "Start trial" (a mistake
 * first, then the customer's details and the list), the three steps of
 * "Create monthly account" (a missing acceptance, "Back" keeping what was
 * typed, a reload), Contoso's Super Admin without Partner Flex MSP, and axe
 * on every page and error state.
 *
 * Both projects run against one database, two workers at a time, so each
 * test creates customers named for its project, that no other test looks
 * at. The names and emails have no letter "a": accessibility.spec.ts loads
 * the search "a" twice and compares the two pages.
 *
 * The monthly account's draft is kept per user (decision 0013), and every
 * monthly flow here is the one Northwind Super Admin's: each holds a lock
 * (`withDraftOf`) so that no two run at once, in either project.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { signIn } from "./support/sign-in";
import { contosoSuperAdmin, superAdmin } from "./support/accounts";
import { customerRow, searchCustomers } from "./support/customers";
import { expectNoAxeViolations } from "./support/axe";

const ACCEPT = /^I accept that my organisation is charged for the selected licenses from the moment the products are installed/;

/** The flash message (role=status in main) with exactly these words. */
function flash(page: Page, text: string) {
  return page.getByRole("main").getByRole("status").filter({ hasText: new RegExp(`^\\s*${escape(text)}\\s*$`) });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The value of one fact of the details page's "Account" list. */
function accountFact(page: Page, label: string) {
  return page
    .getByRole("region", { name: "Account", exact: true })
    .locator("dt")
    .filter({ hasText: new RegExp(`^\\s*${escape(label)}\\s*$`) })
    .locator("xpath=following-sibling::dd[1]");
}

function errorSummary(page: Page) {
  return page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });
}

/** Clicks a button that submits, and waits for the page at `url` (with JavaScript on no load event fires). */
async function submitTo(page: Page, button: string | RegExp, url: RegExp) {
  await page.getByRole("button", { name: button, exact: typeof button === "string" }).click();
  await expect(page).toHaveURL(url);
  await page.waitForLoadState("load");
}

/** Clicks a button whose form comes back with errors, and waits for the error summary. */
async function submitWithErrors(page: Page, button: string) {
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(errorSummary(page)).toBeVisible();
  await page.waitForLoadState("load");
}

type Customer = {
  companyName: string;
  country: string;
  dataGeography: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
};

/** Fills the "Company" and "Contact" fieldsets. */
async function fillCustomer(page: Page, customer: Customer) {
  await page.getByLabel("Company name", { exact: true }).fill(customer.companyName);
  await page.getByLabel("Country", { exact: true }).selectOption(customer.country);
  await page.getByLabel("Data geography", { exact: true }).selectOption(customer.dataGeography);
  await page.getByLabel("First name", { exact: true }).fill(customer.firstName);
  await page.getByLabel("Last name", { exact: true }).fill(customer.lastName);
  await page.getByLabel("Email", { exact: true }).fill(customer.email);
  await page.getByLabel("Phone", { exact: true }).fill(customer.phone);
}

async function expectCustomerFields(page: Page, customer: Customer) {
  await expect(page.getByLabel("Company name", { exact: true })).toHaveValue(customer.companyName);
  await expect(page.getByLabel("Country", { exact: true })).toHaveValue(customer.country);
  await expect(page.getByLabel("Data geography", { exact: true })).toHaveValue(customer.dataGeography);
  await expect(page.getByLabel("First name", { exact: true })).toHaveValue(customer.firstName);
  await expect(page.getByLabel("Last name", { exact: true })).toHaveValue(customer.lastName);
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(customer.email);
  await expect(page.getByLabel("Phone", { exact: true })).toHaveValue(customer.phone);
}

const MONTHLY_PRODUCTS = ["Endpoint Protection", "Unified Endpoint Management", "Server Protection"];

/** Ticks exactly these of the monthly products and no other (a draft left by a stopped run may have ticked some). */
async function chooseMonthlyProducts(page: Page, chosen: string[]) {
  for (const product of MONTHLY_PRODUCTS) await checkbox(page, product).setChecked(chosen.includes(product));
}

function checkbox(page: Page, name: string) {
  return page.getByRole("checkbox", { name, exact: true });
}

/**
 * Runs a monthly flow while no other one runs, in either project: the draft
 * is the Northwind Super Admin's, one per user. A directory is made
 * atomically or not at all; one older than two test timeouts was left by a
 * run that was stopped, and is taken over.
 */
async function withDraftOf<T>(testInfo: TestInfo, run: () => Promise<T>): Promise<T> {
  const port = new URL(testInfo.project.use.baseURL ?? "http://localhost:3210").port;
  const lock = path.join("tests/.tmp", `e2e-monthly-draft-${port}.lock`);
  fs.mkdirSync("tests/.tmp", { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 2 * testInfo.timeout) fs.rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await run();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

test.describe("Start trial", () => {
  test("a super admin starts a trial: a missing company name first, then the customer's details with the message, and the list shows a trial with 30 days left", async ({ page, javaScriptEnabled }, testInfo) => {
    const project = testInfo.project.name;
    const customer: Customer = {
      companyName: `Birch Optics Ltd ${project}`,
      country: "JP",
      dataGeography: "JP",
      firstName: "Yuki",
      lastName: "Tono",
      email: `it@birch-optics-${project}.test`,
      phone: "+81 3 5555 0100",
    };
    await signIn(page, superAdmin.email);
    await page.getByRole("link", { name: "Start trial", exact: true }).click();
    await expect(page).toHaveURL(/\/customers\/trial$/);
    await expect(page.getByRole("heading", { level: 1, name: "Start trial" })).toBeVisible();
    await expect(page).toHaveTitle(/^Start trial – Partner Console$/);

    await fillCustomer(page, { ...customer, companyName: "" });
    await checkbox(page, "Endpoint Protection").check();
    await checkbox(page, "Server Protection").check();
    await expect(page.getByRole("group", { name: "Products", exact: true }).getByRole("checkbox")).toHaveCount(6);
    await submitWithErrors(page, "Start trial");

    // The summary names the field in the words shown at it, and everything typed is still there.
    await expect(errorSummary(page).getByRole("link", { name: "Enter the company name" })).toHaveAttribute(
      "href",
      /^#/,
    );
    await expect(page.getByLabel("Company name", { exact: true })).toHaveAccessibleDescription(
      /Enter the company name/,
    );
    await expect(page.getByLabel("Company name", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveTitle(/^Error: Start trial/);
    if (javaScriptEnabled) await expect(errorSummary(page)).toBeFocused();
    await expectCustomerFields(page, { ...customer, companyName: "" });
    await expect(checkbox(page, "Endpoint Protection")).toBeChecked();
    await expect(checkbox(page, "Server Protection")).toBeChecked();
    await expect(checkbox(page, "Email Protection")).not.toBeChecked();

    await page.getByLabel("Company name", { exact: true }).fill(customer.companyName);
    await submitTo(page, "Start trial", /\/customers\/\d+$/);
    await expect(page.getByRole("heading", { level: 1, name: customer.companyName })).toBeVisible();
    await expect(flash(page, `Trial started for ${customer.companyName}`)).toBeVisible();
    await expect(accountFact(page, "Billing type")).toHaveText("Trial, 30 days left");
    await expect(accountFact(page, "Data geography")).toHaveText("Japan (JP)");
    await expect(accountFact(page, "Partner Assistance")).toHaveText("On (the partner started the trial)");
    const licenses = page.getByRole("table", { name: `Licenses of ${customer.companyName}` });
    await expect(licenses.getByRole("rowheader", { name: "Endpoint Protection", exact: true })).toBeVisible();
    await expect(licenses.getByRole("rowheader", { name: "Server Protection", exact: true })).toBeVisible();

    await page.goto("/customers");
    await searchCustomers(page, customer.companyName);
    await expect(customerRow(page, customer.companyName)).toContainText("Trial, 30 days left");
  });
});

test.describe("Create monthly account", () => {
  test("a super admin of a Flex MSP partner goes through the three steps: a missing acceptance, Back twice keeping everything, then the monthly customer", async ({ page, javaScriptEnabled }, testInfo) => {
    test.slow();
    const project = testInfo.project.name;
    const customer: Customer = {
      companyName: `Redwood Filters Ltd ${project}`,
      country: "IE",
      dataGeography: "IE",
      firstName: "Niamh",
      lastName: "Quinn",
      email: `it@redwood-filters-${project}.test`,
      phone: "",
    };
    await withDraftOf(testInfo, async () => {
      await signIn(page, superAdmin.email);
      await page.getByRole("link", { name: "Create monthly account", exact: true }).click();
      await expect(page).toHaveURL(/\/customers\/monthly$/);
      await expect(page.getByText("Create monthly account, step 1 of 3")).toBeVisible();
      await expect(page.getByRole("heading", { level: 1, name: "Customer and contact" })).toBeVisible();

      await fillCustomer(page, customer);
      await submitTo(page, "Continue", /\/customers\/monthly\/licenses$/);
      await expect(page.getByText("Create monthly account, step 2 of 3")).toBeVisible();
      const licenses = page.getByRole("group", { name: "Licenses", exact: true });
      await expect(licenses.getByRole("checkbox")).toHaveCount(3);
      await chooseMonthlyProducts(page, ["Endpoint Protection", "Unified Endpoint Management"]);
      await submitTo(page, "Continue", /\/customers\/monthly\/confirm$/);

      // A reload loses nothing: the draft is on the server.
      await page.reload();
      await expect(page.getByRole("heading", { level: 1, name: "Check and accept" })).toBeVisible();
      const summary = page.getByRole("region", { name: "Customer and contact" });
      await expect(summary).toContainText(customer.companyName);
      await expect(summary).toContainText("Ireland");
      await expect(summary).toContainText(customer.email);
      await expect(page.getByRole("region", { name: "Licenses" })).toContainText("Unified Endpoint Management");

      await submitWithErrors(page, "Create monthly customer");
      await expect(
        errorSummary(page).getByRole("link", {
          name: "Select the box to accept that your organisation is charged for the selected licenses",
        }),
      ).toBeVisible();
      await expect(page).toHaveTitle(/^Error: /);
      if (javaScriptEnabled) await expect(errorSummary(page)).toBeFocused();

      await submitTo(page, "Back", /\/customers\/monthly\/licenses$/);
      await expect(checkbox(page, "Endpoint Protection")).toBeChecked();
      await expect(checkbox(page, "Unified Endpoint Management")).toBeChecked();
      await checkbox(page, "Server Protection").check();
      await submitTo(page, "Back", /\/customers\/monthly$/);
      await expectCustomerFields(page, customer);

      await submitTo(page, "Continue", /\/customers\/monthly\/licenses$/);
      for (const product of MONTHLY_PRODUCTS) await expect(checkbox(page, product)).toBeChecked();
      await submitTo(page, "Continue", /\/customers\/monthly\/confirm$/);
      await page.getByRole("checkbox", { name: ACCEPT }).check();
      await submitTo(page, "Create monthly customer", /\/customers\/\d+$/);

      await expect(page.getByRole("heading", { level: 1, name: customer.companyName })).toBeVisible();
      await expect(flash(page, `Monthly account created for ${customer.companyName}`)).toBeVisible();
      await expect(accountFact(page, "Billing type")).toHaveText("Monthly");
      await expect(accountFact(page, "Partner Assistance")).toHaveText("On (monthly accounts have it)");
      const table = page.getByRole("table", { name: `Licenses of ${customer.companyName}` });
      await expect(table.getByRole("row")).toHaveCount(4);
    });

    await page.goto("/customers");
    await searchCustomers(page, customer.companyName);
    await expect(customerRow(page, customer.companyName)).toContainText("Monthly");
  });

  test("a super admin of a partner without Partner Flex MSP sees no Create monthly account, and its address is a 403 page saying why", async ({ page }) => {
    await signIn(page, contosoSuperAdmin.email);
    await expect(page.getByRole("link", { name: "Start trial", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Create monthly account" })).toHaveCount(0);
    for (const address of ["/customers/monthly", "/customers/monthly/licenses", "/customers/monthly/confirm"]) {
      const response = await page.goto(address);
      expect(response?.status(), address).toBe(403);
      await expect(page.getByRole("heading", { level: 1, name: "You cannot do this" })).toBeVisible();
      await expect(page.getByRole("main")).toContainText("Only partners in the Partner Flex MSP program can do this.");
    }
  });
});

test.describe("new customers, accessibility", () => {
  test("the Start trial form and its errors have no axe violations", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await page.goto("/customers/trial");
    await expectNoAxeViolations(page, testInfo, "Start trial");
    await page.getByLabel("Email", { exact: true }).fill("not an email");
    await page.getByLabel("Phone", { exact: true }).fill("call me");
    await page.getByLabel("Company name", { exact: true }).fill("x".repeat(101));
    await submitWithErrors(page, "Start trial");
    // Too long, not an email, not a phone number, and the five left empty.
    await expect(errorSummary(page).getByRole("link")).toHaveCount(8);
    await expectNoAxeViolations(page, testInfo, "Start trial with errors");
  });

  test("every step of Create monthly account, and each step's errors, have no axe violations", async ({ a11yPage: page }, testInfo) => {
    test.slow();
    const project = testInfo.project.name;
    await withDraftOf(testInfo, async () => {
      await signIn(page, superAdmin.email);
      await page.goto("/customers/monthly");
      await expectNoAxeViolations(page, testInfo, "monthly step 1");
      await page.getByLabel("Company name", { exact: true }).fill("");
      await page.getByLabel("Email", { exact: true }).fill("");
      await submitWithErrors(page, "Continue");
      await expectNoAxeViolations(page, testInfo, "monthly step 1 with errors");

      await fillCustomer(page, {
        companyName: `Scrutiny Works ${project}`,
        country: "CA",
        dataGeography: "CA",
        firstName: "Louis",
        lastName: "Roy",
        email: `it@scrutiny-${project}.test`,
        phone: "+1 514 555 0100",
      });
      await submitTo(page, "Continue", /\/customers\/monthly\/licenses$/);
      await expectNoAxeViolations(page, testInfo, "monthly step 2");
      await chooseMonthlyProducts(page, []);
      await submitWithErrors(page, "Continue");
      await expect(errorSummary(page).getByRole("link", { name: "Select at least one product" })).toBeVisible();
      await expectNoAxeViolations(page, testInfo, "monthly step 2 with errors");

      await checkbox(page, "Server Protection").check();
      await submitTo(page, "Continue", /\/customers\/monthly\/confirm$/);
      await expectNoAxeViolations(page, testInfo, "monthly step 3");
      await submitWithErrors(page, "Create monthly customer");
      await expectNoAxeViolations(page, testInfo, "monthly step 3 with errors");

      // Nothing is created: the draft is thrown away.
      await submitTo(page, "Cancel", /\/customers$/);
      await expect(
        flash(page, "The monthly account was not created, and what you entered was discarded"),
      ).toBeVisible();
    });
  });

  test("the 403 page of Create monthly account has no axe violations", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, contosoSuperAdmin.email);
    await page.goto("/customers/monthly");
    await expect(page.getByRole("heading", { level: 1, name: "You cannot do this" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "monthly account 403");
  });
});
