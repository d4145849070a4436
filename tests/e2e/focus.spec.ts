/**
 * Issue 11: where focus goes after each action with JavaScript, which moves
 * none by itself on a client-side navigation. Without JavaScript every action
 * loads a page, and focus starts at the top as browsers do; those journeys
 * are in search.spec.ts and customers-page.spec.ts.
 */
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { signIn } from "./support/sign-in";
import { superAdmin } from "./support/accounts";
import { searchCustomers } from "./support/customers";
import { expectNoAxeViolations } from "./support/axe";

/** A short description of the focused element, or "BODY" when focus is nowhere. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return "BODY";
    return `${element.tagName}#${element.id}`;
  });
}

test.describe("focus after an action, with JavaScript", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, superAdmin.email);
  });

  test("after a search sent with Enter, focus stays in the search field; after Clear from an empty result, it is not lost @js-only", async ({ page }) => {
    const field = page.getByLabel("Search customers", { exact: true });
    await field.fill("hooli");
    await field.press("Enter");
    await expect(page).toHaveURL(/[?&]q=hooli/);
    await expect(page.getByRole("link", { name: "Hooli", exact: true })).toBeVisible();
    await expect(field).toBeFocused();

    await searchCustomers(page, "no-such-customer-anywhere");
    await page.getByRole("main").getByText("No customers match your search.").waitFor();
    // The empty result's own "Clear search and filters" link goes away with the result.
    await page.getByRole("main").getByRole("link", { name: "Clear search and filters" }).last().click();
    await expect(page).toHaveURL(/\/customers$/);
    await expect(page.getByRole("link", { name: "Hooli", exact: true })).toBeVisible();
    await expect.poll(() => focused(page)).not.toBe("BODY");
  });

  test("a rename saved in the dialog returns focus to the customer's name and is announced in a status region that was already there @js-only", async ({ page }) => {
    const name = "Maple Clinics 31 S.A.";
    const renamed = "Maple Clinics 31 (renamed)";
    await searchCustomers(page, "maple clinics");
    // The flash message's region, before anything is saved: empty, but there.
    const region = page.getByRole("main").getByRole("status").first();
    await expect(region).toHaveText("");
    const regionBefore = await region.elementHandle();

    await page.getByRole("link", { name, exact: true }).click();
    await page.getByRole("dialog", { name }).getByRole("link", { name: "Edit", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Change the name shown" });
    await dialog.getByLabel("Name shown as").fill(renamed);
    await dialog.getByRole("button", { name: "Save", exact: true }).click();

    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page).toHaveURL(/\/customers\?q=maple/);
    const link = page.getByRole("link", { name: renamed, exact: true });
    await expect(link).toBeFocused();
    // The message arrived in the same element, so screen readers announce it.
    expect(await regionBefore!.evaluate((el) => el.textContent)).toBe(`The name shown for ${renamed} is saved.`);
    await expect(region).toHaveText(`The name shown for ${renamed} is saved.`);
  });

  test("a save refused in the dialog keeps the dialog over the list, with the error summary focused; Escape still closes it @js-only", async ({ page }, testInfo) => {
    const name = "Iron Dental 43 GmbH";
    await searchCustomers(page, "iron dental");
    await page.getByRole("link", { name, exact: true }).click();
    await page.getByRole("dialog", { name }).getByRole("link", { name: "Edit", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Change the name shown" });
    await dialog.getByLabel("Name shown as").fill("   ");
    await dialog.getByRole("button", { name: "Save", exact: true }).click();

    const summary = dialog.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary).toBeFocused();
    // Still a modal dialog, with the list under it.
    expect(await dialog.evaluate((el) => el.matches("dialog:modal"))).toBe(true);
    await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeAttached();
    await expect(page).toHaveURL(/\/customers\/\d+\/name\?q=iron/);
    await expectNoAxeViolations(page, testInfo, "rename dialog with errors");

    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page).toHaveURL(/\/customers\?q=iron/);
    await expect(page.getByRole("link", { name, exact: true })).toBeFocused();
  });

  test("on any other page, when the element that had focus goes away, focus moves to the new page's heading, never to the body @js-only", async ({ page }) => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Groups", exact: true }).click();
    await expect(page).toHaveURL(/\/groups$/);
    await page.getByRole("link", { name: "Rename EMEA", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Rename group" })).toBeVisible();
    // Cancel is gone once the Groups page shows: its heading takes focus.
    await page.getByRole("link", { name: "Cancel", exact: true }).click();
    await expect(page).toHaveURL(/\/groups$/);
    await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeFocused();

    // A form that fails keeps focus on its error summary, not the heading.
    await page.getByRole("button", { name: "Create group", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toBeFocused();
  });
});
