import { test, expect } from "./support/fixtures";
import { signIn } from "./support/sign-in";
import {
  admin,
  contosoSuperAdmin,
  CONTOSO_ONLY_CUSTOMER,
  NAMED_CUSTOMERS,
  northwindUsers,
  superAdmin,
} from "./support/accounts";
import {
  cellUnder,
  countInStatus,
  customerNamesOnPage,
  customerRow,
  customersTable,
  resultsStatus,
  searchCustomers,
} from "./support/customers";

const PAGE_SIZE = 50;

test.describe("the Customers list", () => {
  test("shows the heading, a captioned table and the columns of F1", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
    const table = customersTable(page);
    await expect(table).toBeVisible();
    await expect(table.locator("caption")).toHaveText("Your customers and the state of their licenses");
    for (const column of [
      "Customer",
      "Billing type",
      "Managed order",
      "Groups",
      "Licenses",
      "Next license end",
      "Partner Assistance",
    ]) {
      await expect(table.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
    }
  });

  test("a super admin sees 50 customers on the first page, the total and page links", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await expect(customersTable(page).getByRole("rowheader")).toHaveCount(PAGE_SIZE);
    expect(await countInStatus(page)).toBeGreaterThan(PAGE_SIZE);
    const pagination = page.getByRole("navigation", { name: "Pagination" });
    await expect(pagination).toContainText(/Page 1 of \d+/);
    await expect(pagination.getByRole("link", { name: "Page 1", exact: true })).toHaveAttribute("aria-current", "page");
    await expect(pagination.getByRole("link", { name: "Page 2", exact: true })).toBeVisible();
    await expect(pagination.getByRole("link", { name: "Next" })).toBeVisible();
  });

  test("a super admin moves to the second page with its page link", async ({ page }) => {
    await signIn(page, superAdmin.email);
    const firstPage = await customerNamesOnPage(page);
    const pagination = page.getByRole("navigation", { name: "Pagination" });
    await pagination.getByRole("link", { name: "Page 2", exact: true }).click();
    await expect(page).toHaveURL(/[?&]page=2\b/);
    await expect(pagination).toContainText(/Page 2 of \d+/);
    await expect(pagination.getByRole("link", { name: "Page 2", exact: true })).toHaveAttribute("aria-current", "page");
    await expect(pagination.getByRole("link", { name: "Previous" })).toBeVisible();
    const secondPage = await customerNamesOnPage(page);
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);
  });

  test("a super admin paging through every page finds every named customer, and no customer twice", async ({ page }) => {
    await signIn(page, superAdmin.email);
    const total = await countInStatus(page);
    const seen: string[] = [];
    for (let pageNumber = 1; ; pageNumber++) {
      await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText(`Page ${pageNumber} of`);
      seen.push(...(await customerNamesOnPage(page)));
      const next = page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Next" });
      if ((await next.count()) === 0) break;
      await next.click();
      expect(pageNumber, "the pages end").toBeLessThan(20);
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    for (const name of NAMED_CUSTOMERS) expect(seen, `${name} is listed`).toContain(name);
    expect(seen).not.toContain(CONTOSO_ONLY_CUSTOMER);
  });

  for (const name of NAMED_CUSTOMERS) {
    test(`a super admin finds ${name} by searching for its name`, async ({ page }) => {
      await signIn(page, superAdmin.email);
      await searchCustomers(page, name);
      await expect(customersTable(page).getByRole("link", { name, exact: true })).toBeVisible();
      expect(await customerNamesOnPage(page)).toContain(name);
    });
  }

  test("an admin sees the customers of the EMEA group and Hooli, not Acme Corp or Vandelay Industries", async ({ page }) => {
    await signIn(page, admin.email);
    const names = await customerNamesOnPage(page);
    for (const name of ["Globex", "Initech", "Hooli"]) expect(names, `${name} is listed`).toContain(name);
    for (const name of ["Acme Corp", "Vandelay Industries"]) expect(names, `${name} is not listed`).not.toContain(name);
  });

  test("every customer an admin sees is in the EMEA group, or is Hooli", async ({ page }) => {
    await signIn(page, admin.email);
    await expect(resultsStatus(page)).toBeVisible();
    // The admin's designation (EMEA and Hooli) is small: one page holds it all.
    await expect(page.getByRole("navigation", { name: "Pagination" })).toHaveCount(0);
    const rows = customersTable(page).getByRole("row").filter({ has: page.getByRole("rowheader") });
    const count = await rows.count();
    expect(count).toBe(await countInStatus(page));
    expect(count).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < count; i++) {
      const row = rows.nth(i);
      const name = (await row.getByRole("rowheader").getByRole("link").innerText()).trim();
      const groups = await (await cellUnder(page, row, "Groups")).innerText();
      expect(name === "Hooli" || /\bEMEA\b/.test(groups), `${name} (groups: ${groups}) is EMEA or Hooli`).toBe(true);
    }
  });

  test("an admin searching for a customer outside the designation finds nothing", async ({ page }) => {
    await signIn(page, admin.email);
    await searchCustomers(page, "Acme Corp");
    await expect(resultsStatus(page)).toHaveText("0 customers found");
  });
});

test.describe("tenant isolation", () => {
  for (const user of northwindUsers) {
    test(`${user.email} searching for ${CONTOSO_ONLY_CUSTOMER} finds nothing`, async ({ page }) => {
      await signIn(page, user.email);
      await searchCustomers(page, CONTOSO_ONLY_CUSTOMER);
      await expect(resultsStatus(page)).toHaveText("0 customers found");
      await expect(page.getByRole("main")).toContainText("No customers match your search.");
      await expect(page.getByRole("link", { name: CONTOSO_ONLY_CUSTOMER, exact: true })).toHaveCount(0);
    });

    test(`the contact card of a Contoso customer is a 404 page for ${user.email}`, async ({ page, contosoContactCardPath }) => {
      await signIn(page, user.email);
      const response = await page.goto(contosoContactCardPath);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
      await expect(page.getByRole("main")).not.toContainText(CONTOSO_ONLY_CUSTOMER);
    });
  }

  test(`a Contoso super admin opens the contact card of ${CONTOSO_ONLY_CUSTOMER}`, async ({ page, contosoContactCardPath }) => {
    await signIn(page, contosoSuperAdmin.email);
    const response = await page.goto(contosoContactCardPath);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: CONTOSO_ONLY_CUSTOMER })).toBeVisible();
  });

  test("a Contoso super admin does not see Northwind's customers", async ({ page }) => {
    await signIn(page, contosoSuperAdmin.email);
    const names = await customerNamesOnPage(page);
    expect(names).toContain(CONTOSO_ONLY_CUSTOMER);
    for (const name of NAMED_CUSTOMERS) expect(names).not.toContain(name);
  });
});

test.describe("sorting", () => {
  test("the list starts sorted by customer name, ascending, and says so with aria-sort", async ({ page }) => {
    await signIn(page, superAdmin.email);
    const table = customersTable(page);
    await expect(table.getByRole("columnheader", { name: "Customer", exact: true })).toHaveAttribute("aria-sort", "ascending");
    await expect(table.getByRole("columnheader", { name: "Billing type", exact: true })).not.toHaveAttribute("aria-sort", /.*/);
  });

  test("following the Customer sort link again sorts by name descending", async ({ page }) => {
    await signIn(page, superAdmin.email);
    const table = customersTable(page);
    const ascendingFirst = (await customerNamesOnPage(page))[0];
    await table.getByRole("columnheader", { name: "Customer", exact: true }).getByRole("link").click();
    await expect(page).toHaveURL(/[?&]dir=desc\b/);
    await expect(table.getByRole("columnheader", { name: "Customer", exact: true })).toHaveAttribute("aria-sort", "descending");
    const descending = await customerNamesOnPage(page);
    expect(descending[0]).not.toBe(ascendingFirst);
    // The last customer of the last page ascending is the first one descending.
    await page.getByRole("link", { name: "Customer", exact: true }).click();
    await expect(table.getByRole("columnheader", { name: "Customer", exact: true })).toHaveAttribute("aria-sort", "ascending");
    const pagination = page.getByRole("navigation", { name: "Pagination" });
    const lastPage = pagination.getByRole("link", { name: /^Page \d+$/ }).last();
    await lastPage.click();
    await expect(pagination.getByRole("link", { name: "Next" })).toHaveCount(0);
    const ascendingLastPage = await customerNamesOnPage(page);
    expect(ascendingLastPage.at(-1)).toBe(descending[0]);
  });

  for (const column of ["Billing type", "Next license end"]) {
    test(`following the ${column} sort link sorts by it and moves aria-sort to its column`, async ({ page }) => {
      await signIn(page, superAdmin.email);
      const table = customersTable(page);
      await table.getByRole("columnheader", { name: column, exact: true }).getByRole("link").click();
      await expect(page).toHaveURL(/[?&]sort=/);
      await expect(table.getByRole("columnheader", { name: column, exact: true })).toHaveAttribute("aria-sort", "ascending");
      await expect(table.getByRole("columnheader", { name: "Customer", exact: true })).not.toHaveAttribute("aria-sort", /.*/);
      await expect(table.getByRole("rowheader")).toHaveCount(PAGE_SIZE);
    });
  }

  test("sorting by billing type groups the customers of each billing type together", async ({ page }) => {
    await signIn(page, superAdmin.email);
    const table = customersTable(page);
    await table.getByRole("columnheader", { name: "Billing type", exact: true }).getByRole("link").click();
    await expect(table.getByRole("columnheader", { name: "Billing type", exact: true })).toHaveAttribute("aria-sort", "ascending");
    await page.waitForLoadState("load");
    const rows = table.getByRole("row").filter({ has: page.getByRole("rowheader") });
    const billing = await (await cellUnder(page, rows.first(), "Billing type")).innerText();
    const index = (await table.getByRole("columnheader").allInnerTexts()).map((h) => h.trim()).indexOf("Billing type");
    const kinds = (await rows.locator(`:scope > :nth-child(${index + 1})`).allInnerTexts()).map((text) =>
      text.startsWith("Trial") ? "Trial" : text.trim(),
    );
    expect(kinds[0]).toBe(billing.startsWith("Trial") ? "Trial" : billing.trim());
    // Each kind appears in one unbroken run.
    const runs = kinds.filter((kind, i) => i === 0 || kinds[i - 1] !== kind);
    expect(new Set(runs).size).toBe(runs.length);
  });
});

test.describe("what a row shows", () => {
  test("the managed-order icon of Umbrella Health is named “Managed customer order”", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await searchCustomers(page, "Umbrella Health");
    const row = customerRow(page, "Umbrella Health");
    await expect(row.getByRole("img", { name: "Managed customer order" })).toBeVisible();
  });

  test("a customer without a managed order shows no managed-order icon", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await searchCustomers(page, "Acme Corp");
    await expect(customerRow(page, "Acme Corp").getByRole("img", { name: "Managed customer order" })).toHaveCount(0);
  });

  test("billing types read Trial with the days left, Monthly and Term", async ({ page }) => {
    await signIn(page, superAdmin.email);
    const expected: [string, RegExp][] = [
      ["Acme Corp", /^Trial, \d+ days? left$/],
      ["Globex", /^Monthly$/],
      ["Vandelay Industries", /^Term$/],
    ];
    for (const [name, billing] of expected) {
      await searchCustomers(page, name);
      const cell = await cellUnder(page, customerRow(page, name), "Billing type");
      await expect(cell).toHaveText(billing);
    }
  });

  test("license states are written out per category, not shown by colour or icon alone", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await searchCustomers(page, "Initech");
    const initech = await cellUnder(page, customerRow(page, "Initech"), "Licenses");
    await expect(initech).toContainText("Endpoint: active");
    await expect(initech).toContainText(/Email: expiring in \d+ days?/);
    await searchCustomers(page, "Wayne Logistics");
    const wayne = await cellUnder(page, customerRow(page, "Wayne Logistics"), "Licenses");
    await expect(wayne).toContainText("Endpoint: expired");
  });

  test("the groups of a customer are listed in its row", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await searchCustomers(page, "Umbrella Health");
    await expect(await cellUnder(page, customerRow(page, "Umbrella Health"), "Groups")).toHaveText("Healthcare");
  });

  test("Partner Assistance reads On for Hooli and Off for Acme Corp", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await searchCustomers(page, "Hooli");
    await expect(await cellUnder(page, customerRow(page, "Hooli"), "Partner Assistance")).toHaveText("On");
    await searchCustomers(page, "Acme Corp");
    await expect(await cellUnder(page, customerRow(page, "Acme Corp"), "Partner Assistance")).toHaveText("Off");
  });
});

test.describe("rows rendered by React from the loader's data (docs/decisions/0024-list-by-the-framework.md)", () => {
  test("the document carries its rows as the table and as the data the browser hydrates from", async ({ page }) => {
    await signIn(page, superAdmin.email);
    const html = await (await page.request.get("/customers", { headers: { "accept-language": "en" } })).text();
    const table = html.slice(html.indexOf("<tbody"), html.indexOf("</tbody>"));
    expect(table).toContain(">Acme Corp</a>");
    expect(table).not.toContain("suppressHydrationWarning");
    // Each cell after the row's name carries its column's name for the narrow layout.
    expect(table).toContain('data-label="Billing type"');
    // The hydration data: the scripts that feed window.__reactRouterContext.
    const data = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)]
      .map((match) => match[1]!)
      .filter((script) => script.includes("__reactRouterContext"))
      .join("");
    expect(data).toContain("loaderData");
    expect(data).toContain("Acme Corp");
  });

  test("the rows' links open the card in the page, and ticked boxes stay ticked when the list is loaded again @js-only", async ({ page }) => {
    await signIn(page, superAdmin.email);
    const acme = page.getByRole("checkbox", { name: "Select Acme Corp" });
    const globex = page.getByRole("checkbox", { name: "Select Globex" });
    await acme.check();
    await globex.check();
    // A click on a name (a <Link>) is a client-side navigation: the page is
    // not loaded again (the marker set here survives).
    await page.evaluate(() => ((window as unknown as { servedOnce: boolean }).servedOnce = true));
    await page.getByRole("link", { name: "Hooli", exact: true }).click();
    await expect(page.getByRole("dialog", { name: "Hooli" })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { servedOnce?: boolean }).servedOnce)).toBe(true);
    // Closing the card loads the list again (shouldRevalidate): React renders
    // the rows from the new data, keyed by customer, so the boxes stay.
    const reloaded = page.waitForResponse((response) => new URL(response.url()).pathname === "/customers.data");
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
    await reloaded;
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Hooli", exact: true })).toBeFocused();
    await expect(acme).toBeChecked();
    await expect(globex).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "Select Hooli" })).not.toBeChecked();
  });
});
