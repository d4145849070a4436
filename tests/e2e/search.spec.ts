import { test, expect } from "./support/fixtures";
import { signIn } from "./support/sign-in";
import { superAdmin } from "./support/accounts";
import { countInStatus, customerNamesOnPage, customersTable, resultsStatus, searchCustomers } from "./support/customers";

const EQUIPO = "Équipo Médico Andaluz";

test.describe("searching customers", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, superAdmin.email);
  });

  for (const query of ["equipo", "EQUIPO", "medico andaluz"]) {
    test(`searching for “${query}” finds ${EQUIPO}, ignoring case and accents`, async ({ page }) => {
      await searchCustomers(page, query);
      expect(await customerNamesOnPage(page)).toContain(EQUIPO);
    });
  }

  test("searching for the contact email's domain “equipo-medico.test” finds Équipo Médico Andaluz", async ({ page }) => {
    await searchCustomers(page, "equipo-medico.test");
    expect(await customerNamesOnPage(page)).toEqual([EQUIPO]);
  });

  test("searching for a contact email address finds its customer", async ({ page }) => {
    await searchCustomers(page, "maria.nunez@equipo-medico.test");
    expect(await customerNamesOnPage(page)).toEqual([EQUIPO]);
  });

  test("searching for part of the legal name finds a customer shown under another name", async ({ page }) => {
    // Globex's legal name is "Globex Corporation"; the list shows "Globex".
    await searchCustomers(page, "Corporation");
    expect(await customerNamesOnPage(page)).toContain("Globex");
  });

  test("the number of results is announced in a status message", async ({ page }) => {
    await searchCustomers(page, "equipo");
    await expect(resultsStatus(page)).toHaveText("1 customer found");
  });

  test("a search that matches nothing says so and offers to clear it", async ({ page }) => {
    await searchCustomers(page, "no-such-customer-anywhere");
    await expect(resultsStatus(page)).toHaveText("0 customers found");
    await expect(page.getByRole("main")).toContainText("No customers match your search.");
    await expect(customersTable(page)).toHaveCount(0);
    await expect(page.getByRole("main").getByRole("link", { name: "Clear search and filters" }).first()).toBeVisible();
  });

  test("clearing the field and searching again shows every customer", async ({ page }) => {
    const all = await countInStatus(page);
    await searchCustomers(page, "equipo");
    await expect(resultsStatus(page)).toHaveText("1 customer found");
    await searchCustomers(page, "");
    await expect(resultsStatus(page)).toHaveText(`${all} customers`);
  });

  test("the search is in the address, so a shared link shows the same results", async ({ page }) => {
    await page.goto("/customers?q=hooli");
    await expect(page.getByLabel("Search customers", { exact: true })).toHaveValue("hooli");
    expect(await customerNamesOnPage(page)).toEqual(["Hooli"]);
  });

  test("the search form is a search landmark with a labelled field and a Search button", async ({ page }) => {
    const search = page.getByRole("search");
    await expect(search).toBeVisible();
    await expect(search.getByRole("searchbox", { name: "Search customers" })).toBeVisible();
    await expect(search.getByRole("button", { name: "Search", exact: true })).toBeVisible();
  });
});
