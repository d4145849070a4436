/**
 * Reflow (WCAG 1.4.10, SPEC §5) on every page: at 320 px wide (a phone, or
 * 1280 px zoomed to 400%) and at 1280 px, in both JavaScript modes, nothing
 * scrolls sideways, neither the page nor any table row or scroll region, and
 * axe finds no violation. Below 64rem a data table is one block per row with
 * each cell's column name beside it (app/tailwind.css, `.data-table`), and
 * the header is one line with a "Menu" (SiteHeader.tsx).
 *
 * Everything runs on `a11yPage` (the page itself with JavaScript on; with
 * JavaScript off, the server's markup with the app's scripts blocked), since
 * measuring a layout and running axe need a script. Nothing here changes the
 * demo data that other journeys read: a monthly draft is thrown away, and the
 * one launch (for an activity log entry) is ended.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { signIn } from "./support/sign-in";
import { acmeAdmin, superAdmin } from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";

const WIDTHS = [320, 1280] as const;

/** What sticks out sideways on the page as it is laid out now. */
async function overflowAt(page: Page): Promise<{ page: number; rows: string[]; regions: string[] }> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const width = root.clientWidth;
    const describe = (element: Element) => (element.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60);
    // A row wider than the page, or a scroll region (a table's) that scrolls sideways.
    const rows = [...document.querySelectorAll("tr")]
      .filter((row) => {
        const box = row.getBoundingClientRect();
        return box.width > 0 && (box.left < -0.5 || box.right > width + 0.5);
      })
      .map(describe);
    const regions = [...document.querySelectorAll("main *")]
      .filter((element) => {
        const overflowX = getComputedStyle(element).overflowX;
        return (overflowX === "auto" || overflowX === "scroll") && element.scrollWidth > element.clientWidth + 1;
      })
      .map(describe);
    return { page: root.scrollWidth - width, rows, regions };
  });
}

/**
 * Every data table's cells whose name on a narrow screen (the words the
 * stylesheet writes before them, cell-labels.ts) is not their column's
 * header: "Billing type" before a cell of the "Billing type" column.
 */
async function cellNameMismatches(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const mismatches: string[] = [];
    // A computed `content` of strings, maybe with its alternative text after " / ": the strings shown, joined.
    const shown = (content: string) =>
      [...(content.split(" / ")[0] ?? "").matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, "$1")).join("");
    for (const table of document.querySelectorAll("table.data-table")) {
      const headers = [...table.querySelectorAll("thead th")].map((th) => (th.textContent ?? "").trim());
      for (const row of table.querySelectorAll("tbody > tr")) {
        const cells = [...row.children];
        const rowHeader = cells.findIndex((cell) => cell.tagName === "TH");
        cells.forEach((cell, index) => {
          if (index <= rowHeader || (cell.textContent ?? "") === "") return;
          const name = shown(getComputedStyle(cell, "::before").content);
          if (name !== `${headers[index]}: `) mismatches.push(`${table.className}: "${name}" before a cell of "${headers[index]}"`);
        });
      }
    }
    return mismatches;
  });
}

/**
 * At each width no sideways scroll of the page, of a row or of a scroll
 * region; at 320 px, where the layout differs, no axe violation (the pages at
 * 1280 px are scanned by accessibility.spec.ts and the journeys' own specs;
 * axe is the slow part of this spec). The page is left at 1280 px.
 */
async function expectReflow(page: Page, testInfo: TestInfo, label: string): Promise<void> {
  await page.waitForLoadState("load");
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    const overflow = await overflowAt(page);
    expect(overflow.page, `${label} at ${width} px: the page scrolls sideways by ${overflow.page} px`).toBeLessThanOrEqual(0);
    expect(overflow.rows, `${label} at ${width} px: rows wider than the page`).toEqual([]);
    expect(overflow.regions, `${label} at ${width} px: regions that scroll sideways`).toEqual([]);
    if (width === 320) {
      expect(await cellNameMismatches(page), `${label} at ${width} px: cells named unlike their column`).toEqual([]);
      await expectNoAxeViolations(page, testInfo, `${label} at ${width} px`);
    }
  }
}

/** A customer's id, read from its "Customer details" link on the list (ids are never guessed). */
async function customerId(page: Page, name: string): Promise<string> {
  await page.goto(`/customers?q=${encodeURIComponent(name)}`);
  const href = await page.getByRole("link", { name: `Customer details: ${name}`, exact: true }).getAttribute("href");
  const id = /^\/customers\/(\d+)$/.exec(href ?? "")?.[1];
  if (!id) throw new Error(`No Customer details link for ${name}: ${href}`);
  return id;
}

/**
 * The Northwind Super Admin has one monthly draft: while this test uses it,
 * no other run on this port does (the same lock as new-customers.spec.ts).
 */
async function withMonthlyDraft(testInfo: TestInfo, run: () => Promise<void>): Promise<void> {
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
    await run();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Clicks a submit button and waits for the page at `url` to have arrived. */
async function submitTo(page: Page, button: string, url: RegExp): Promise<void> {
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(page).toHaveURL(url);
  await page.waitForLoadState("load");
}

test.describe("at 320 px and at 1280 px nothing scrolls sideways and axe finds nothing", () => {
  test("the sign-in page, and with its errors", async ({ a11yPage: page }, testInfo) => {
    await page.goto("/sign-in");
    await expectReflow(page, testInfo, "sign-in");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expectReflow(page, testInfo, "sign-in with errors");
  });

  test("the Customers list", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await page.goto("/customers");
    await expectReflow(page, testInfo, "the Customers list");
  });

  test("a contact card and the rename form as pages", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    const id = await customerId(page, "Initech");
    await page.goto(`/customers/${id}/contact`);
    await expectReflow(page, testInfo, "a contact card");
    await page.goto(`/customers/${id}/name`);
    await expectReflow(page, testInfo, "the rename form");
  });

  test("at 320 px each customer is a block with its labelled lines, and the table keeps its columns for screen readers", async ({
    a11yPage: page,
  }) => {
    await signIn(page, superAdmin.email);
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto("/customers?q=Initech");
    const table = page.getByRole("table", { name: "Your customers and the state of their licenses" });
    const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Initech" }) });
    // A block as wide as the page's content, each cell a line of its own.
    const rowBox = (await row.boundingBox())!;
    expect(rowBox.width).toBeLessThanOrEqual(320 - 2 * 16);
    const billing = row.getByRole("cell", { name: "Term", exact: true });
    const licenses = row.getByRole("cell").filter({ has: page.getByRole("list") });
    expect((await billing.boundingBox())!.y).toBeLessThan((await licenses.boundingBox())!.y);
    // The cell's visible name comes from CSS and is not part of its accessible name.
    const label = await billing.evaluate((cell) => getComputedStyle(cell, "::before").content);
    expect(label).toContain("Billing type");
    // The sort links stay on screen; the other column headers stay for screen readers.
    await expect(table.getByRole("link", { name: "Billing type", exact: true })).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "Partner Assistance", exact: true })).toHaveCount(1);
    await expect(table.getByRole("columnheader")).toHaveCount(9);
    // No ARIA table roles in the markup (docs/decisions/0019-tables-without-per-cell-markup.md):
    // the browser's own accessibility tree still has the table, its rows, headers and cells.
    await expect(table.locator("[role]")).toHaveCount(0);
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
      nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[];
    };
    const exposed = nodes.filter((node) => !node.ignored);
    const named = (role: string, name?: string) =>
      exposed.filter((node) => node.role?.value === role && (name === undefined || node.name?.value === name)).length;
    expect(named("table", "Your customers and the state of their licenses")).toBe(1);
    expect(named("columnheader")).toBe(9);
    expect(named("rowheader", "Initech")).toBe(1);
    expect(named("row")).toBeGreaterThanOrEqual(2);
    expect(named("cell", "Term")).toBe(1);
  });

  test("the customer details page", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    const id = await customerId(page, "Initech");
    await page.goto(`/customers/${id}`);
    await expectReflow(page, testInfo, "customer details");
  });

  test("Start trial, empty and with its errors", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await page.goto("/customers/trial");
    await expectReflow(page, testInfo, "Start trial");
    await page.getByRole("button", { name: "Start trial", exact: true }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expectReflow(page, testInfo, "Start trial with errors");
  });

  test("the three steps of Create monthly account", async ({ a11yPage: page }, testInfo) => {
    test.slow();
    await withMonthlyDraft(testInfo, async () => {
      await signIn(page, superAdmin.email);
      await page.goto("/customers/monthly");
      await expectReflow(page, testInfo, "monthly step 1");
      await page.getByLabel("Company name", { exact: true }).fill("Reflow Check Ltd");
      await page.getByLabel("Country", { exact: true }).selectOption("IE");
      await page.getByLabel("Data geography", { exact: true }).selectOption("IE");
      await page.getByLabel("First name", { exact: true }).fill("Aoife");
      await page.getByLabel("Last name", { exact: true }).fill("Byrne");
      await page.getByLabel("Email", { exact: true }).fill("it@reflow-check.test");
      await submitTo(page, "Continue", /\/customers\/monthly\/licenses$/);
      await expectReflow(page, testInfo, "monthly step 2");
      await page.getByRole("checkbox", { name: "Endpoint Protection", exact: true }).check();
      await submitTo(page, "Continue", /\/customers\/monthly\/confirm$/);
      await expectReflow(page, testInfo, "monthly step 3");
      // Nothing is created: the draft is thrown away.
      await submitTo(page, "Cancel", /\/customers$/);
    });
  });

  test("Groups, and renaming and deleting a group", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await page.goto("/groups");
    await expectReflow(page, testInfo, "Groups");
    const rename = await page.getByRole("link", { name: "Rename EMEA", exact: true }).getAttribute("href");
    const remove = await page.getByRole("link", { name: "Delete EMEA", exact: true }).getAttribute("href");
    await page.goto(rename!);
    await expectReflow(page, testInfo, "rename a group");
    await page.goto(remove!);
    await expectReflow(page, testInfo, "delete a group");
  });

  test("the confirmation pages of Update billing type and Unlink", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    const acme = await customerId(page, "Acme Corp");
    const initech = await customerId(page, "Initech");
    const stark = await customerId(page, "Stark Retail");
    const soylent = await customerId(page, "Soylent Foods");
    await page.goto(`/customers/billing?ids=${acme}&ids=${initech}`);
    await expectReflow(page, testInfo, "Update billing type");
    await page.goto(`/customers/unlink?ids=${stark}&ids=${initech}&ids=${soylent}`);
    await expectReflow(page, testInfo, "Unlink");
  });

  test("the activity log with an entry, and Integrations", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    const hooli = await customerId(page, "Hooli");
    // A launch is recorded (F13): the log has at least one entry to lay out.
    await page.goto(`/customers/${hooli}`);
    await page.getByRole("button", { name: "Launch customer", exact: true }).click();
    await expect(page).toHaveURL(/\/central$/);
    await page.waitForLoadState("load");
    await page.getByRole("button", { name: "Back to Partner Console", exact: true }).click();
    await expect(page).not.toHaveURL(/\/central/);
    await page.goto("/activity");
    await expect(page.getByRole("table", { name: "Changes and launches, newest first" }).getByRole("row")).not.toHaveCount(0);
    await expectReflow(page, testInfo, "the activity log");
    await page.goto("/activity?from=2026-02-31");
    await expectReflow(page, testInfo, "the activity log with an error");
    await page.goto("/integrations");
    await expectReflow(page, testInfo, "Integrations");
  });

  test("Your team: Users, Add user with customers found and chosen, User details", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await page.goto("/users");
    await expect(page.getByRole("table", { name: "Users of your partner account" }).getByRole("row")).not.toHaveCount(0);
    await expectReflow(page, testInfo, "Users");
    await page.goto("/users/new");
    await page.getByLabel("Find customers to add").fill("a");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByRole("button", { name: "Add Équipo Médico Andaluz" }).click();
    await expect(page.getByRole("button", { name: "Remove Équipo Médico Andaluz" })).toBeVisible();
    await expectReflow(page, testInfo, "Add user");
    await page.goto("/users?q=pending%40");
    await page.getByRole("link", { name: "Pat Pending", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "User details" })).toBeVisible();
    await expectReflow(page, testInfo, "User details");
  });

  test("Central Admin's pages", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, acmeAdmin.email);
    await page.goto("/central");
    await expectReflow(page, testInfo, "Central Admin");
    await page.goto("/central/account");
    await expectReflow(page, testInfo, "Account details");
    await page.goto("/central/partner-assistance");
    await expectReflow(page, testInfo, "Partner Assistance");
    await page.goto("/no-such-page-here");
    await expectReflow(page, testInfo, "the 404 page");
  });
});

test.describe("the header on a narrow screen", () => {
  test("at 320 px it is one line with a Menu that the keyboard opens, and at 1280 px the navigation shows without it", async ({
    page,
  }) => {
    await signIn(page, superAdmin.email);
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto("/customers");
    const header = page.getByRole("banner");
    const menu = header.getByText("Menu", { exact: true });
    const navigation = header.getByRole("navigation", { name: "Main" });
    expect((await header.boundingBox())!.height).toBeLessThanOrEqual(56);
    await expect(navigation).toBeHidden();
    // Skip link, then the Menu: Enter opens it, with or without JavaScript.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(menu).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(navigation.getByRole("link", { name: "Groups", exact: true })).toBeVisible();
    await expect(header).toContainText("Signed in as Nadia Super, Super Admin");
    await expect(header.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();

    // Wider, the same closed menu shows everything, with no Menu button.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/groups");
    await expect(menu).toBeHidden();
    await expect(navigation.getByRole("link", { name: "Customers", exact: true })).toBeVisible();
    await expect(header.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  });

  test("Central Admin's header names it and the account, and its navigation names the pages as they are headed", async ({ page }) => {
    await signIn(page, acmeAdmin.email);
    const header = page.getByRole("banner");
    await expect(header).toContainText("Central Admin");
    await expect(header).not.toContainText("Partner Console");
    await expect(header).toContainText("Customer: Acme Corp");
    const navigation = header.getByRole("navigation", { name: "Main" });
    await expect(navigation.getByRole("link", { name: "Licenses", exact: true })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { level: 2, name: "Licenses", exact: true })).toBeVisible();
    // The heading names the table; no caption says it again.
    await expect(page.getByRole("table", { name: "Licenses", exact: true }).locator("caption")).toHaveCount(0);
    await navigation.getByRole("link", { name: "Account details", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Account details", exact: true })).toBeVisible();
    await expect(page.getByRole("main")).not.toContainText("Central Admin");
    await expect(navigation.getByRole("link", { name: "Account details", exact: true })).toHaveAttribute("aria-current", "page");
  });
});
