import type { Browser, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { signIn } from "./support/sign-in";
import { superAdmin } from "./support/accounts";
import { invitationPathFor } from "./support/mail";

/*
 * "Your team" (issue 20), with JavaScript on and off: a Super Admin invites
 * an Admin with chosen access (found with the customer search and "Add"),
 * the invitee accepts from the link in the mail (the .eml file the server
 * writes to MAIL_DIR, sent by `npm run mail:run` since the e2e server's
 * background work is off), signs in and sees only those customers; the
 * Super Admin changes the access and the role and deactivates the user,
 * each in effect at the invitee's next page; the last Super Admin's
 * refusals.
 */

const PORT = Number(process.env.E2E_PORT ?? 3210);

/** A page of its own for the invitee, in the same JavaScript mode as the test. */
async function inviteePage(browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, locale: "en-GB", baseURL: `http://localhost:${PORT}` });
  return context.newPage();
}

/** The names of the customers the Customers page lists. */
async function listedCustomers(page: Page): Promise<string[]> {
  await page.goto("/customers");
  return page.locator("table.customer-table tbody th a").allTextContents();
}

test.describe("Your team", () => {
  test("a Super Admin invites an Admin with chosen customers, who accepts from the mail; access, role and deactivation take effect at once", async ({
    page,
    browser,
    javaScriptEnabled,
  }) => {
    test.setTimeout(120_000);
    const mode = javaScriptEnabled ? "js" : "nojs";
    const email = `invitee-${mode}@example.test`;
    // Each mode its own customer, so the two runs never see each other's user.
    const customer = javaScriptEnabled ? "Hooli" : "Vandelay Industries";

    await signIn(page, superAdmin.email);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await page.getByRole("link", { name: "Add user" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Add user" })).toBeVisible();
    await page.getByLabel("First name").fill("Ines");
    await page.getByLabel("Last name").fill(`Vitee ${mode}`);
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption({ label: "Admin" });
    await page.getByLabel("Find customers to add").fill(customer.slice(0, 6));
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByRole("button", { name: `Add ${customer}` }).click();
    await expect(page.getByRole("button", { name: `Remove ${customer}` })).toBeVisible();
    // With JavaScript the page did not load again: focus is back in the search, not lost to the body.
    if (javaScriptEnabled) await expect(page.getByLabel("Find customers to add")).toBeFocused();
    // Nothing typed was lost on the way.
    await expect(page.getByLabel("First name")).toHaveValue("Ines");
    await expect(page.getByLabel("Role", { exact: true })).toHaveValue("admin");
    await expect(page.getByLabel("Chosen groups and customers")).toBeChecked();
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Invitation sent to ${email}.` })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "User details" })).toBeVisible();
    const detailsUrl = page.url();

    const invitee = await inviteePage(browser, javaScriptEnabled);
    await invitee.goto(await invitationPathFor(email));
    await expect(invitee.getByRole("heading", { level: 1, name: "Join Northwind Security" })).toBeVisible();
    await expect(invitee.getByText("Nadia Super invited you to join Northwind Security")).toBeVisible();
    await invitee.getByLabel("Choose a password").fill("violet tractor hums under moonlit quarry");
    await invitee.getByRole("button", { name: "Accept invitation" }).click();
    await expect(invitee).toHaveURL(/\/customers$/);
    await expect(invitee.getByRole("status").filter({ hasText: "Welcome to Northwind Security" })).toBeVisible();
    expect(await listedCustomers(invitee)).toEqual([customer]);

    // Signs in again with the password chosen.
    await invitee.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await expect(invitee).toHaveURL(/\/sign-in/);
    await signIn(invitee, email, "violet tractor hums under moonlit quarry");
    expect(await listedCustomers(invitee)).toEqual([customer]);

    // The Super Admin adds the group EMEA: the invitee's next page has its customers.
    await page.goto(detailsUrl);
    await page.getByRole("checkbox", { name: "EMEA" }).check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "have been saved" })).toBeVisible();
    const after = await listedCustomers(invitee);
    expect(after).toEqual(expect.arrayContaining([customer, "Globex", "Initech"]));

    // Read-only: at once.
    await page.getByLabel("Role", { exact: true }).selectOption({ label: "Read-only" });
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "have been saved" })).toBeVisible();
    await invitee.reload();
    await expect(invitee.getByRole("banner")).toContainText(`Signed in as Ines Vitee ${mode}, Read-only`);

    // Deactivated, after a confirmation page: the invitee's next page is sign-in.
    await page.getByRole("link", { name: "Deactivate user" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Deactivate Ines Vitee ${mode}?` })).toBeVisible();
    await page.getByRole("button", { name: "Deactivate user" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Ines Vitee ${mode} has been deactivated.` })).toBeVisible();
    await invitee.reload();
    await expect(invitee).toHaveURL(/\/sign-in/);
    await invitee.context().close();
  });

  test("the last Super Admin can neither deactivate themselves nor leave the role, and the page says why", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await page.goto("/users?q=super%40northwind");
    await page.getByRole("link", { name: "Nadia Super" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "User details" })).toBeVisible();
    await expect(page.getByText("You cannot deactivate yourself. Another Super Admin can.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Deactivate user" })).toHaveCount(0);
    await page.getByLabel("Role", { exact: true }).selectOption({ label: "Admin" });
    await page.getByLabel("All customers, now and in the future").check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expect(page.getByRole("alert")).toContainText("Nadia Super is the last active Super Admin of your partner account");
    await page.goto("/users?q=super%40northwind");
    await expect(page.getByRole("table")).toContainText("Super Admin");
  });

  test("an invitation is resent, the old link stops working, and then it is cancelled", async ({ page, browser, javaScriptEnabled }) => {
    const email = `resend-${javaScriptEnabled ? "js" : "nojs"}@example.test`;
    await signIn(page, superAdmin.email);
    await page.goto("/users/new");
    await page.getByLabel("First name").fill("Remy");
    await page.getByLabel("Last name").fill("Sent");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption({ label: "Help Desk" });
    await page.getByLabel("All customers, now and in the future").check();
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "User details" })).toBeVisible();
    const first = await invitationPathFor(email);

    await page.getByRole("button", { name: "Resend invitation" }).click();
    await expect(page.getByRole("status").filter({ hasText: `A new invitation has been sent to ${email}.` })).toBeVisible();
    const invitee = await inviteePage(browser, javaScriptEnabled);
    await invitee.goto(first);
    await expect(invitee.getByRole("heading", { level: 1, name: "This invitation is no longer valid" })).toBeVisible();

    await page.getByRole("link", { name: "Cancel invitation" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Cancel the invitation of Remy Sent?" })).toBeVisible();
    await page.getByRole("button", { name: "Cancel invitation" }).click();
    await expect(page.getByRole("status").filter({ hasText: `The invitation of ${email} has been cancelled.` })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await expect(page.getByRole("table")).not.toContainText(email);
    await invitee.context().close();
  });

  test("a link that was forged says what happened and what to do", async ({ page }) => {
    await page.goto("/invitation/not.a-real-token");
    await expect(page.getByRole("heading", { level: 1, name: "This link is not valid" })).toBeVisible();
    await expect(page.getByText("Check that you copied the whole link")).toBeVisible();
  });

  test("other roles have no Users link and get the 403 page", async ({ page }) => {
    await signIn(page, "admin@northwind.test");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
    const response = await page.goto("/users");
    expect(response?.status()).toBe(403);
  });
});
