/**
 * The customer details page (F5, F10, F11) in a browser, with JavaScript on
 * and off: reached from the list's "Customer details" link and from the
 * contact card; its account facts, groups, licenses and early access
 * programs; who may change what; managed customer orders; tenant isolation.
 *
 * Both projects run at once against one database, so a test that changes
 * data changes its own customer (or program), a different one per project,
 * that no other test looks at:
 *   - groups: "Pioneer Foods 28 Ltd" (on) and "Pioneer Foods 39 Co" (off),
 *     in no group to start with;
 *   - the group form's error (it changes nothing, but has its own pair):
 *     "Summit Schools 16 Co" (on) and "Evergreen Hotels 29 Co" (off);
 *   - programs: Vandelay Industries with "Endpoint Preview" (on) and with
 *     "ZTNA Gateway Early Access" (off).
 * The customers whose groups change do not match the search "a", whose list
 * (with its Groups column) accessibility.spec.ts loads twice and compares;
 * enrolments are not on the list. Only Healthcare is added, never EMEA, whose
 * customers customers-list.spec.ts and groups.spec.ts count. Initech, Globex
 * and Umbrella Health are only read.
 */
import { test, expect } from "./support/fixtures";
import { signIn, signOut } from "./support/sign-in";
import { admin, contosoSuperAdmin, superAdmin } from "./support/accounts";
import { searchCustomers } from "./support/customers";
import { expectNoAxeViolations } from "./support/axe";
import {
  accountFact,
  detailsLink,
  detailsLinkIn,
  detailsPathOf,
  expectDetailsPage,
  flash,
  groupEntries,
  groupEntry,
  groupsSection,
  openDetails,
  programCard,
} from "./support/details";

/** A customer (or program) only this test and project touches. */
function own<T>(javaScriptEnabled: boolean, whenOn: T, whenOff: T): T {
  return javaScriptEnabled ? whenOn : whenOff;
}

const GROUP_REQUIRED = "Choose the group to add the customer to";

test.describe("the details page", () => {
  test("a super admin follows Initech's Customer details link: groups, licenses in words, billing and data geography", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await searchCustomers(page, "Initech");
    await detailsLink(page, "Initech").click();
    await expectDetailsPage(page, "Initech");
    await expect(page).toHaveTitle(/^Customer details: Initech\b/);

    for (const heading of ["Groups", "Licenses", "Early access programs"]) {
      await expect(page.getByRole("heading", { level: 2, name: heading, exact: true })).toBeVisible();
    }
    await expect(groupEntry(page, "EMEA")).toHaveCount(1);

    await expect(accountFact(page, "Billing type")).toHaveText("Term");
    await expect(accountFact(page, "Data geography")).toHaveText("Ireland (IE)");

    // The table is named by its caption; each status is in words, not only a colour.
    const licenses = page.getByRole("table", { name: "Licenses of Initech", exact: true });
    await expect(licenses).toBeVisible();
    await expect(licenses.locator("caption")).toHaveText("Licenses of Initech");
    const rowOf = (category: string) =>
      licenses.getByRole("row").filter({ has: page.getByRole("cell", { name: category, exact: true }) });
    await expect(rowOf("Email")).toHaveCount(1);
    await expect(rowOf("Email").getByRole("cell").last()).toHaveText(/^Expiring, \d+ days? left$/);
    await expect(rowOf("Endpoint").getByRole("cell").last()).toHaveText("Active");
  });

  test("the Customer details link of the contact card leads to the details page", async ({ page, javaScriptEnabled }) => {
    await signIn(page, superAdmin.email);
    await searchCustomers(page, "Initech");
    await page.getByRole("link", { name: "Initech", exact: true }).click();
    await expect(page).toHaveURL(/\/customers\/\d+\/contact/);
    // With JavaScript the card is a dialog over the list; without, a page of its own.
    const card = javaScriptEnabled ? page.getByRole("dialog", { name: "Initech" }) : page.getByRole("main");
    await expect(card.getByText("Bill Lumbergh")).toBeVisible();
    await detailsLinkIn(card).click();
    await expectDetailsPage(page, "Initech");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(accountFact(page, "Legal name")).toHaveText("Initech");
  });

  test("the Customer details links of the list and of the contact card are named after the customer", async ({ page, javaScriptEnabled }) => {
    await signIn(page, superAdmin.email);
    await searchCustomers(page, "Initech");
    // The links are there: only their names are in question (soft, so a
    // wrong name in the list does not hide one on the card).
    await expect(detailsLink(page, "Initech")).toBeVisible();
    await expect.soft(detailsLink(page, "Initech")).toHaveAccessibleName("Customer details: Initech", { timeout: 2_000 });
    await page.getByRole("link", { name: "Initech", exact: true }).click();
    const card = javaScriptEnabled ? page.getByRole("dialog", { name: "Initech" }) : page.getByRole("main");
    await expect(card.getByText("Bill Lumbergh")).toBeVisible();
    await expect(detailsLinkIn(card)).toBeVisible();
    await expect(detailsLinkIn(card)).toHaveAccessibleName("Customer details: Initech", { timeout: 2_000 });
  });

  test("Initech's details page has no axe violations", async ({ a11yPage }, testInfo) => {
    await signIn(a11yPage, superAdmin.email);
    await openDetails(a11yPage, "Initech");
    await expect(a11yPage.getByRole("table", { name: "Licenses of Initech", exact: true })).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "details of Initech");
  });

  test("the details of a monthly customer, with a program it cannot join, have no axe violations", async ({ a11yPage }, testInfo) => {
    await signIn(a11yPage, superAdmin.email);
    await openDetails(a11yPage, "Globex");
    await expect(programCard(a11yPage, "Endpoint Preview")).toContainText("Flex licenses are monthly licenses");
    await expectNoAxeViolations(a11yPage, testInfo, "details of Globex");
  });

  test("the details of a managed customer order have no axe violations", async ({ a11yPage }, testInfo) => {
    await signIn(a11yPage, superAdmin.email);
    await openDetails(a11yPage, "Umbrella Health");
    await expect(a11yPage.getByRole("img", { name: "Managed customer order", exact: true })).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "details of Umbrella Health");
  });
});

test.describe("groups", () => {
  test("a super admin adds a customer to Healthcare and removes it again", async ({ page, javaScriptEnabled }) => {
    const name = own(javaScriptEnabled, "Pioneer Foods 28 Ltd", "Pioneer Foods 39 Co");
    await signIn(page, superAdmin.email);
    await openDetails(page, name);
    await expect(groupEntry(page, "Healthcare")).toHaveCount(0);

    await groupsSection(page).getByLabel("Group", { exact: true }).selectOption({ label: "Healthcare" });
    await groupsSection(page).getByRole("button", { name: "Save", exact: true }).click();
    await expect(flash(page, `${name} added to Healthcare`)).toBeVisible();
    await expect(groupEntry(page, "Healthcare")).toHaveCount(1);
    await expectDetailsPage(page, name);

    await groupsSection(page).getByRole("button", { name: "Remove from Healthcare", exact: true }).click();
    await expect(flash(page, `${name} removed from Healthcare`)).toBeVisible();
    await expect(groupEntry(page, "Healthcare")).toHaveCount(0);
    await expect(groupsSection(page).getByRole("button", { name: "Remove from Healthcare", exact: true })).toHaveCount(0);
    await expectDetailsPage(page, name);
  });

  test("Save without a group: the error summary links to the field, the field says why, the title starts with Error", async ({ page, javaScriptEnabled }) => {
    const name = own(javaScriptEnabled, "Summit Schools 16 Co", "Evergreen Hotels 29 Co");
    await signIn(page, superAdmin.email);
    await openDetails(page, name);
    const field = groupsSection(page).getByLabel("Group", { exact: true });
    await expect(field).toHaveValue("");
    await groupsSection(page).getByRole("button", { name: "Save", exact: true }).click();

    const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem", exact: true }) });
    await expect(summary).toBeVisible();
    // With JavaScript the summary takes focus, so keyboard and screen reader users land on it.
    if (javaScriptEnabled) await expect(summary).toBeFocused();
    const summaryLink = summary.getByRole("link", { name: GROUP_REQUIRED, exact: true });
    await expect(summaryLink).toBeVisible();
    const fieldId = await field.getAttribute("id");
    expect(fieldId, "the Group field has an id to link to").toBeTruthy();
    await expect(summaryLink).toHaveAttribute("href", `#${fieldId}`);

    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(GROUP_REQUIRED);
    await expect(groupsSection(page).getByText(GROUP_REQUIRED, { exact: true })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: /);
    // Nothing was added, and the page is still the customer's.
    await expect(page.getByRole("heading", { level: 1, name, exact: true })).toBeVisible();
    await expect(groupEntries(page)).toHaveCount(0);
  });

  test("the group form's error has no axe violations", async ({ a11yPage, javaScriptEnabled }, testInfo) => {
    const name = own(javaScriptEnabled, "Summit Schools 16 Co", "Evergreen Hotels 29 Co");
    await signIn(a11yPage, superAdmin.email);
    await openDetails(a11yPage, name);
    await groupsSection(a11yPage).getByRole("button", { name: "Save", exact: true }).click();
    await expect(a11yPage.getByRole("heading", { name: "There is a problem", exact: true })).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "details with the group error");
  });

  test("an admin sees the groups of a designated customer read-only, and may enrol it", async ({ page }) => {
    await signIn(page, admin.email);
    await openDetails(page, "Globex");
    await expect(groupEntry(page, "EMEA")).toHaveCount(1);
    await expect(page.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Remove from EMEA", exact: true })).toHaveCount(0);
    await expect(page.getByLabel("Group", { exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Join Email Security Beta", exact: true })).toBeVisible();
  });
});

test.describe("early access programs", () => {
  test("a term customer joins a program, is then enrolled, and leaves it again", async ({ page, javaScriptEnabled }) => {
    const program = own(javaScriptEnabled, "Endpoint Preview", "ZTNA Gateway Early Access");
    const customer = "Vandelay Industries";
    await signIn(page, superAdmin.email);
    await openDetails(page, customer);
    const card = programCard(page, program);
    await expect(card.getByText("Not enrolled", { exact: true })).toBeVisible();

    await card.getByRole("button", { name: `Join ${program}`, exact: true }).click();
    await expect(flash(page, `${customer} joined ${program}`)).toBeVisible();
    await expect(card.getByText("Enrolled", { exact: true })).toBeVisible();
    await expect(card.getByRole("button", { name: `Leave ${program}`, exact: true })).toBeVisible();
    await expect(card.getByRole("button", { name: `Join ${program}`, exact: true })).toHaveCount(0);
    await expectDetailsPage(page, customer);

    await card.getByRole("button", { name: `Leave ${program}`, exact: true }).click();
    await expect(flash(page, `${customer} left ${program}`)).toBeVisible();
    await expect(card.getByText("Not enrolled", { exact: true })).toBeVisible();
    await expect(card.getByRole("button", { name: `Join ${program}`, exact: true })).toBeVisible();
    await expect(card.getByRole("button", { name: `Leave ${program}`, exact: true })).toHaveCount(0);
    await expectDetailsPage(page, customer);
  });

  test("a monthly customer is offered no Join for a program that does not accept Flex licenses, and is told why", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await openDetails(page, "Globex");
    const preview = programCard(page, "Endpoint Preview");
    await expect(preview).toHaveCount(1);
    await expect(preview.getByRole("button")).toHaveCount(0);
    await expect(preview).toContainText("Flex licenses are monthly licenses and are not compatible with this program");
    await expect(page.getByRole("button", { name: "Join Endpoint Preview", exact: true })).toHaveCount(0);
    await expect(
      programCard(page, "Email Security Beta").getByRole("button", { name: "Join Email Security Beta", exact: true }),
    ).toBeVisible();
  });
});

test.describe("a managed customer order", () => {
  test("Umbrella Health's details show the managed order mark and Partner Assistance always on", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await openDetails(page, "Umbrella Health");
    await expect(page.getByRole("main").getByRole("img", { name: "Managed customer order", exact: true })).toBeVisible();
    await expect(accountFact(page, "Partner Assistance")).toHaveText("On (always on for managed customer orders)");
  });

  test("Umbrella Health's contact card has no Edit, and its rename address is a 403 that says why", async ({ page, javaScriptEnabled }) => {
    await signIn(page, superAdmin.email);
    const detailsPath = await detailsPathOf(page, "Umbrella Health");
    await page.getByRole("link", { name: "Umbrella Health", exact: true }).click();
    await expect(page).toHaveURL(/\/customers\/\d+\/contact/);
    const card = javaScriptEnabled ? page.getByRole("dialog", { name: "Umbrella Health" }) : page.getByRole("main");
    await expect(card.getByText("Albert Wesker")).toBeVisible();
    await expect(detailsLinkIn(card)).toBeVisible();
    await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);

    const response = await page.goto(`${detailsPath}/name`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "You cannot do this" })).toBeVisible();
    await expect(
      page.getByText("Managed customer orders are managed through the marketplace: they cannot be renamed here.", { exact: true }),
    ).toBeVisible();
  });
});

test.describe("tenant isolation", () => {
  test("a Contoso super admin gets a 404 page at the address of Northwind's Initech", async ({ page }) => {
    await signIn(page, superAdmin.email);
    const path = await detailsPathOf(page, "Initech");
    await signOut(page);
    await signIn(page, contosoSuperAdmin.email);
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByText("Initech")).toHaveCount(0);
  });
});
