/**
 * F6 in a browser, with JavaScript on and off: a Super Admin creates, renames
 * and deletes a group (each form first with a mistake), the customers list
 * offers the new name in its Group filter, axe on every page and error
 * state, and the pages stay out of reach of other roles.
 *
 * Both projects and both workers share one database: each journey works on a
 * group of its own, named after its project, and only reads the demo groups.
 */
import type { Page, TestInfo } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { signIn } from "./support/sign-in";
import { admin, superAdmin } from "./support/accounts";
import { countInStatus } from "./support/customers";
import { expectNoAxeViolations } from "./support/axe";
import { SPANISH_BROWSER } from "./support/browsers";

/** A group name only this test, in this project and run, uses. */
function own(testInfo: TestInfo, name: string): string {
  return `${name} ${testInfo.project.name} ${Date.now() % 100_000}`;
}

function groupsTable(page: Page) {
  return page.getByRole("table", { name: "Your groups and how many customers each has" });
}

function flash(page: Page) {
  return page.getByRole("main").getByRole("status");
}

function errorSummary(page: Page) {
  return page.getByRole("alert").filter({ hasText: "There is a problem" });
}

async function openGroupsFromNavigation(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Groups", exact: true }).click();
  await expect(page).toHaveURL(/\/groups$/);
  await expect(page.getByRole("heading", { name: "Groups", level: 1 })).toBeVisible();
}

test.describe("managing groups", () => {
  test("a super admin creates, renames and deletes a group, correcting a mistake each time", async ({ page }, testInfo) => {
    const name = own(testInfo, "Benelux");
    const renamed = own(testInfo, "Low Countries");
    await signIn(page, superAdmin.email);
    await openGroupsFromNavigation(page);

    // Create: first with nothing typed.
    await page.getByRole("button", { name: "Create group", exact: true }).click();
    await expect(errorSummary(page)).toBeVisible();
    await expect(errorSummary(page).getByRole("link", { name: "Enter a group name" })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: Groups/);
    const field = page.getByLabel("Group name", { exact: true });
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(/Enter a group name/);
    await field.fill(name);
    await page.getByRole("button", { name: "Create group", exact: true }).click();
    await expect(flash(page)).toHaveText(`Group ${name} created.`);
    await expect(page).toHaveURL(/\/groups$/);
    await expect(page).not.toHaveTitle(/^Error: /);
    await expect(errorSummary(page)).toHaveCount(0);
    await expect(field).toHaveValue("");
    const row = groupsTable(page).getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
    await expect(row.getByRole("link", { name: `0 customers in ${name}`, exact: true })).toHaveAttribute(
      "href",
      /^\/customers\?group=\d+$/,
    );

    // Rename: first to the name of another group, in another case.
    await row.getByRole("link", { name: `Rename ${name}`, exact: true }).click();
    await expect(page).toHaveURL(/\/groups\/\d+\/rename$/);
    await expect(page.getByRole("heading", { name: "Rename group", level: 1 })).toBeVisible();
    await expect(field).toHaveValue(name);
    await field.fill("emea");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(errorSummary(page).getByRole("link", { name: "There is already a group called EMEA" })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: /);
    await expect(field).toHaveValue("emea");
    await field.fill(renamed);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(flash(page)).toHaveText(`Group ${name} renamed to ${renamed}.`);
    await expect(page).toHaveURL(/\/groups$/);
    await expect(groupsTable(page).getByRole("rowheader", { name: renamed, exact: true })).toBeVisible();
    await expect(groupsTable(page).getByRole("rowheader", { name, exact: true })).toHaveCount(0);

    // The customers list offers the new name in its Group filter.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
    await expect(page.getByLabel("Group", { exact: true }).getByRole("option", { name: renamed, exact: true })).toHaveCount(1);

    // Delete, through the confirmation page.
    await openGroupsFromNavigation(page);
    await page.getByRole("link", { name: `Delete ${renamed}`, exact: true }).click();
    await expect(page).toHaveURL(/\/groups\/\d+\/delete$/);
    await expect(page.getByRole("heading", { name: `Delete group ${renamed}?`, level: 1 })).toBeVisible();
    await expect(page.getByText(`${renamed} has no customers.`)).toBeVisible();
    await page.getByRole("button", { name: "Delete group", exact: true }).click();
    await expect(flash(page)).toHaveText(`Group ${renamed} deleted.`);
    await expect(page).toHaveURL(/\/groups$/);
    await expect(groupsTable(page).getByRole("rowheader", { name: renamed, exact: true })).toHaveCount(0);
  });

  test("a group's count leads to the customers list filtered by it, with as many customers", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await page.goto("/groups");
    const link = groupsTable(page).getByRole("link", { name: /^\d+ customers? in EMEA$/ });
    const shown = Number(/^(\d+)/.exec((await link.textContent()) ?? "")?.[1]);
    expect(shown).toBeGreaterThan(0);
    await link.click();
    await expect(page).toHaveURL(/\/customers\?group=\d+$/);
    expect(await countInStatus(page)).toBe(shown);
    await expect(page.getByLabel("Group", { exact: true })).toHaveValue(/^\d+$/);
  });

  test("the delete page says how many customers stay, and Cancel deletes nothing", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await page.goto("/groups");
    await page.getByRole("link", { name: "Delete EMEA", exact: true }).click();
    await expect(page).toHaveURL(/\/groups\/\d+\/delete$/);
    await expect(
      page.getByText(/^EMEA has \d+ customers\. Deleting the group removes none of them: they stay in your customers list\.$/),
    ).toBeVisible();
    await page.getByRole("link", { name: "Cancel", exact: true }).click();
    await expect(page).toHaveURL(/\/groups$/);
    await expect(groupsTable(page).getByRole("rowheader", { name: "EMEA", exact: true })).toBeVisible();
  });

  test("the Groups page fits a 320 px wide screen without scrolling sideways", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await signIn(page, superAdmin.email);
    await page.goto("/groups");
    await expect(groupsTable(page)).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe("who sees groups", () => {
  test("an admin has no Groups link, and the Groups page is a 403 page", async ({ page }) => {
    await signIn(page, admin.email);
    const navigation = page.getByRole("navigation", { name: "Main" });
    await expect(navigation.getByRole("link", { name: "Customers", exact: true })).toBeVisible();
    await expect(navigation.getByRole("link", { name: "Groups", exact: true })).toHaveCount(0);
    const response = await page.goto("/groups");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You cannot do this", level: 1 })).toBeVisible();
  });
});

test.describe("groups in Spanish", () => {
  test.use(SPANISH_BROWSER);

  test("the Groups page and its messages are in Spanish", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await page.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Grupos", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Grupos", level: 1 })).toBeVisible();
    await expect(page.getByRole("table", { name: "Sus grupos y cuántos clientes tiene cada uno" })).toBeVisible();
    await page.getByLabel("Nombre del grupo", { exact: true }).fill("vip");
    await page.getByRole("button", { name: "Crear grupo", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Hay un problema" })).toContainText("Ya hay un grupo llamado VIP");
    await expect(page).toHaveTitle(/^Error: Grupos/);
  });
});

test.describe("groups, accessibility", () => {
  test("the Groups page, with and without an error, has no axe violations", async ({ a11yPage }, testInfo) => {
    await signIn(a11yPage, superAdmin.email);
    await a11yPage.goto("/groups");
    await expect(groupsTable(a11yPage)).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "groups");
    await a11yPage.getByLabel("Group name", { exact: true }).fill("x".repeat(61));
    await a11yPage.getByRole("button", { name: "Create group", exact: true }).click();
    await expect(errorSummary(a11yPage)).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "groups with an error");
  });

  test("the rename page, with and without an error, has no axe violations", async ({ a11yPage }, testInfo) => {
    await signIn(a11yPage, superAdmin.email);
    await a11yPage.goto("/groups");
    await a11yPage.getByRole("link", { name: "Rename EMEA", exact: true }).click();
    await expect(a11yPage.getByLabel("Group name", { exact: true })).toHaveValue("EMEA");
    await expectNoAxeViolations(a11yPage, testInfo, "rename group");
    // Refused, so the demo group keeps its name.
    await a11yPage.getByLabel("Group name", { exact: true }).fill("  ");
    await a11yPage.getByRole("button", { name: "Save", exact: true }).click();
    await expect(errorSummary(a11yPage)).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "rename group with an error");
  });

  test("the delete confirmation has no axe violations", async ({ a11yPage }, testInfo) => {
    await signIn(a11yPage, superAdmin.email);
    await a11yPage.goto("/groups");
    await a11yPage.getByRole("link", { name: "Delete Healthcare", exact: true }).click();
    await expect(a11yPage.getByRole("button", { name: "Delete group", exact: true })).toBeVisible();
    await expectNoAxeViolations(a11yPage, testInfo, "delete group");
  });
});
