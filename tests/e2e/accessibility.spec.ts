import { test, expect, APP_SCRIPTS } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { signIn } from "./support/sign-in";
import { SPANISH_BROWSER } from "./support/browsers";
import { acmeAdmin, admin, superAdmin } from "./support/accounts";
import { resultsStatus, searchCustomers } from "./support/customers";
import { generateSync } from "otplib";
import { freshTeam } from "./support/fresh-users";
import { invitationPathFor, passwordResetPathFor } from "./support/mail";

/*
 * axe on every page and error state (STYLE.md §6), in both projects. Each
 * test works on `a11yPage`: the test's own page with JavaScript on, and the
 * server-rendered page with the app's scripts blocked with JavaScript off
 * (see support/fixtures.ts for why).
 */

test.describe("axe finds no WCAG 2.2 AA violation", () => {
  test("on the sign-in page", async ({ a11yPage: page }, testInfo) => {
    await page.goto("/sign-in");
    await expectNoAxeViolations(page, testInfo);
  });

  test("on the sign-in page showing an error", async ({ a11yPage: page }, testInfo) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email address", { exact: true }).fill(`nobody-axe-${testInfo.project.name}@northwind.test`);
    await page.getByLabel("Password", { exact: true }).fill("wrong");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/sign-in with an error");
  });

  test("on the sign-in page with empty fields sent", async ({ a11yPage: page }, testInfo) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/sign-in with empty fields");
  });

  test("on the Customers page", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await expect(resultsStatus(page)).toBeVisible();
    await expectNoAxeViolations(page, testInfo);
  });

  test("on the second page of customers, sorted by billing type", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await page.goto("/customers?sort=billing&page=2");
    await expect(resultsStatus(page)).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/customers page 2 by billing type");
  });

  test("on the Customers page of an admin", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, admin.email);
    await expect(resultsStatus(page)).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/customers as admin");
  });

  test("on a search result", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await searchCustomers(page, "equipo");
    await expect(resultsStatus(page)).toHaveText("1 customer found");
    await expectNoAxeViolations(page, testInfo, "/customers?q=equipo");
  });

  test("on an empty search result", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await searchCustomers(page, "no-such-customer-anywhere");
    await expect(resultsStatus(page)).toHaveText("0 customers found");
    await expectNoAxeViolations(page, testInfo, "/customers with no result");
  });

  test("on a contact card opened at its own address", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await searchCustomers(page, "Hooli");
    const href = await page.getByRole("link", { name: "Hooli" }).first().getAttribute("href");
    await page.goto(new URL(href ?? "", page.url()).pathname);
    await expect(page.getByRole("heading", { level: 1, name: "Hooli" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "contact card page");
  });

  test("on Central Admin", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, acmeAdmin.email);
    await expect(page.getByRole("heading", { level: 1, name: "Acme Corp" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo);
  });

  test("on the 404 page", async ({ a11yPage: page }, testInfo) => {
    await page.goto("/no-such-page-here");
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo);
  });

  test("on the 404 page of a signed-in user", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await page.goto("/no-such-page-here");
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "404 signed in");
  });

  test("on the 403 page", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, acmeAdmin.email);
    await page.goto("/customers");
    await expect(page.getByRole("heading", { level: 1, name: "You cannot do this" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "403");
  });

  test("on the sign-out page", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await page.goto("/sign-out");
    await expect(page.getByRole("heading", { level: 1, name: "Sign out" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo);
  });

  test("on the sign-in page with the signed-out message", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("status")).toHaveText("You have signed out.");
    await expectNoAxeViolations(page, testInfo, "/sign-in after sign-out");
  });

  test("on the Customers page with Data saver on", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await page.getByRole("switch", { name: "Data saver" }).click();
    await expect(page.getByRole("switch", { name: "Data saver" })).toBeChecked();
    await expectNoAxeViolations(page, testInfo, "/customers with data saver");
  });

  test.describe("in Spanish", () => {
    test.use(SPANISH_BROWSER);

    test("on the sign-in page", async ({ a11yPage: page }, testInfo) => {
      await page.goto("/sign-in");
      await expect(page.locator("html")).toHaveAttribute("lang", "es");
      await expectNoAxeViolations(page, testInfo, "/sign-in (es)");
    });

    test("on the sign-in page showing an error", async ({ a11yPage: page }, testInfo) => {
      await page.goto("/sign-in");
      await page.getByRole("button", { name: "Iniciar sesión", exact: true }).click();
      await expect(page.getByRole("heading", { name: "Hay un problema" })).toBeVisible();
      await expectNoAxeViolations(page, testInfo, "/sign-in with an error (es)");
    });

    test("on the Customers page", async ({ a11yPage: page }, testInfo) => {
      await signIn(page, superAdmin.email);
      await expect(page.getByRole("heading", { level: 1, name: "Clientes" })).toBeVisible();
      await expectNoAxeViolations(page, testInfo, "/customers (es)");
    });

    test("on Central Admin", async ({ a11yPage: page }, testInfo) => {
      await signIn(page, acmeAdmin.email);
      await expect(page.locator("html")).toHaveAttribute("lang", "es");
      await expectNoAxeViolations(page, testInfo, "/central (es)");
    });

    test("on the 404 page", async ({ a11yPage: page }, testInfo) => {
      await page.goto("/no-such-page-here");
      await expect(page.getByRole("heading", { level: 1, name: "No se encuentra la página" })).toBeVisible();
      await expectNoAxeViolations(page, testInfo, "404 (es)");
    });
  });
});

test.describe("axe finds no WCAG 2.2 AA violation on Your team's pages", () => {
  test("on the Users page and a search of it", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await page.goto("/users");
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/users");
    await page.goto("/users?q=nobody-at-all&status=deactivated");
    await expect(page.getByText("No user matches this search")).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/users with no result");
  });

  test("on Add user, with customers found and chosen, and with its errors", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await page.goto("/users/new");
    await expectNoAxeViolations(page, testInfo, "/users/new");
    await page.getByLabel("Find customers to add").fill("Hooli");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByRole("button", { name: "Add Hooli" }).click();
    await expect(page.getByRole("button", { name: "Remove Hooli" })).toBeVisible();
    await page.getByLabel("Find customers to add").fill("a");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.getByText(/The first 20 customers matching/)).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/users/new with customers found and chosen");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/users/new with errors");
  });

  test("on User details of an invited, a deactivated and oneself, and a confirmation", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    for (const [search, name] of [
      ["pending@", "Pat Pending"],
      ["former@", "Dee Former"],
      ["super@northwind", "Nadia Super"],
    ] as const) {
      await page.goto(`/users?q=${encodeURIComponent(search)}`);
      await page.getByRole("link", { name, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: "User details" })).toBeVisible();
      await expectNoAxeViolations(page, testInfo, `User details of ${name}`);
    }
    await page.goto("/users?q=pending%40");
    await page.getByRole("link", { name: "Pat Pending", exact: true }).click();
    await page.getByRole("link", { name: "Cancel invitation" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Cancel the invitation of Pat Pending?" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "cancel invitation confirmation");
  });

  test("on the invitation's page, with an error, and a forged link", async ({ a11yPage: page, page: inviter }, testInfo) => {
    const email = `axe-invitee-${testInfo.project.name}@example.test`;
    await signIn(inviter, superAdmin.email);
    await inviter.goto("/users/new");
    await inviter.getByLabel("First name").fill("Axel");
    await inviter.getByLabel("Last name").fill("Invitee");
    await inviter.getByLabel("Email", { exact: true }).fill(email);
    await inviter.getByLabel("Role", { exact: true }).selectOption({ label: "Read-only" });
    await inviter.getByLabel("All customers, now and in the future").check();
    await inviter.getByRole("button", { name: "Send invitation" }).click();
    await expect(inviter.getByRole("heading", { level: 1, name: "User details" })).toBeVisible();
    await page.goto(await invitationPathFor(email));
    await expect(page.getByRole("heading", { level: 1, name: "Join Northwind Security" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/invitation/…");
    await page.getByLabel("Choose a password").fill("password1234");
    await page.getByRole("button", { name: "Accept invitation" }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/invitation/… with an error");
    await page.goto("/invitation/forged.link");
    await expect(page.getByRole("heading", { level: 1, name: "This link is not valid" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/invitation/ forged");
  });

  test("on Integrations with the mail queue, and the activity log of team changes", async ({ a11yPage: page }, testInfo) => {
    await signIn(page, superAdmin.email);
    await page.goto("/integrations");
    await expect(page.getByRole("heading", { level: 2, name: "Mail" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/integrations");
    await page.goto("/activity?kind=user.invited");
    await expect(page.getByRole("heading", { level: 1, name: "Activity log" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/activity of invitations");
  });
});

test.describe("the axe check itself", () => {
  test("fails on a page with a known violation, naming the rule", async ({ a11yPage: page }, testInfo) => {
    // An input with no label: WCAG 4.1.2 / 1.3.1, axe rule "label". Served
    // as a page of its own (not setContent over a loaded page, whose late
    // requests could bring the old page back under a busy machine).
    await page.route("**/__axe-check-broken-page", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: '<!doctype html><html lang="en"><head><title>t</title></head><body><main><input type="text"></main></body></html>',
      }),
    );
    await page.goto("/__axe-check-broken-page");
    await expect(page.locator("main input")).toBeAttached();
    const failure = await expectNoAxeViolations(page, testInfo, "a broken page").then(
      () => null,
      (error: unknown) => String(error),
    );
    expect(failure).toContain("label");
  });
});

test.describe("the page axe scans without JavaScript", () => {
  test(
    "has the same markup as the page a browser without JavaScript gets",
    { tag: "@no-js-only" },
    async ({ page, a11yPage }) => {
      // Scripts differ (each answer has its own nonce) and are inert here: compare the rest.
      const markup = async (p: typeof page) =>
        (await p.locator("body").innerHTML()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
      for (const target of [page, a11yPage]) await signIn(target, superAdmin.email);
      for (const address of ["/customers?q=a", "/central", "/no-such-page-here"]) {
        await page.goto(address);
        await a11yPage.goto(address);
        expect(await markup(a11yPage), `markup of ${address}`).toBe(await markup(page));
      }
    },
  );

  test("does not run the app's own scripts", { tag: "@no-js-only" }, async ({ a11yPage }) => {
    const blocked: string[] = [];
    a11yPage.on("requestfailed", (request) => blocked.push(new URL(request.url()).pathname));
    await a11yPage.goto("/sign-in");
    await a11yPage.waitForLoadState("networkidle");
    expect(blocked.length, `blocked ${APP_SCRIPTS}`).toBeGreaterThan(0);
    expect(blocked.every((path) => path.startsWith("/assets/") && path.endsWith(".js"))).toBe(true);
    // React Router never started: it would have set up its router on window.
    expect(await a11yPage.evaluate(() => "__reactRouterDataRouter" in window)).toBe(false);
  });
});

/*
 * "Your account" and signing in safely (issue 20): every page and state,
 * with users of a partner of the test's own (support/fresh-users.ts), so no
 * demo account gets a second factor.
 */
test.describe("axe finds no violation on the account pages", () => {
  test("on Forgot your password?, its error, its answer, the reset link's form and error, and a used link", async ({ a11yPage: page }, testInfo) => {
    const { users } = await freshTeam(`${testInfo.project.name}-axe`, ["help_desk"]);
    const user = users[0]!;
    await page.goto("/forgot-password");
    await expectNoAxeViolations(page, testInfo, "/forgot-password");
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/forgot-password with an error");
    await page.getByLabel("Email address", { exact: true }).fill(user.email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByRole("status")).toContainText("we have sent it a link");
    await expectNoAxeViolations(page, testInfo, "/forgot-password sent");
    const path = await passwordResetPathFor(user.email);
    await page.goto(path);
    await expectNoAxeViolations(page, testInfo, "/reset-password form");
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Set the new password" }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/reset-password with an error");
    await page.goto("/reset-password/not-a-real-link");
    await expect(page.getByRole("heading", { level: 1, name: "This link cannot be used" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/reset-password not valid");
  });

  test("on Your account, Change password and its error, and Settings", async ({ a11yPage: page }, testInfo) => {
    const { users } = await freshTeam(`${testInfo.project.name}-axe`, ["super_admin"]);
    await signIn(page, users[0]!.email, users[0]!.password);
    await page.goto("/account");
    await expectNoAxeViolations(page, testInfo, "/account");
    await page.getByLabel("First name", { exact: true }).fill("");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByRole("alert").getByRole("link", { name: "Enter your first name" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/account with an error");
    await page.goto("/account/password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/account/password with errors");
    await page.goto("/settings");
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/settings");
  });

  test("on the second factor's set-up and its error, the recovery codes, the verification code and its error, and turning it off", async ({ a11yPage: page }, testInfo) => {
    const { users } = await freshTeam(`${testInfo.project.name}-axe`, ["admin"]);
    const user = users[0]!;
    await signIn(page, user.email, user.password);
    await page.goto("/account/second-factor");
    await expectNoAxeViolations(page, testInfo, "/account/second-factor");
    await page.getByRole("button", { name: "Turn on second factor" }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/account/second-factor with an error");
    const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
    await page.getByLabel("Verification code", { exact: true }).fill(generateSync({ secret }));
    await page.getByRole("button", { name: "Turn on second factor" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Save your recovery codes" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "recovery codes");
    const code = (await page.getByTestId("recovery-codes").getByRole("listitem").first().innerText()).trim();
    await page.goto("/account/second-factor/turn-off");
    await expectNoAxeViolations(page, testInfo, "/account/second-factor/turn-off");
    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Email address", { exact: true }).fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Enter a verification code" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/sign-in/verify");
    await page.getByLabel("Verification code", { exact: true }).fill("000000");
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, "/sign-in/verify with an error");
    await page.getByLabel("Verification code", { exact: true }).fill(code);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await expect(page).toHaveURL(/\/customers$/);
  });

  test.describe("in Spanish", () => {
    test.use(SPANISH_BROWSER);

    test("on Forgot your password? with an error, and Your account", async ({ a11yPage: page }, testInfo) => {
      const { users } = await freshTeam(`${testInfo.project.name}-axe-es`, ["read_only"]);
      await page.goto("/forgot-password");
      await expect(page.getByRole("heading", { level: 1, name: "¿Ha olvidado su contraseña?" })).toBeVisible();
      await page.getByRole("button", { name: "Enviar el enlace" }).click();
      await expect(page.getByRole("heading", { name: "Hay un problema" })).toBeVisible();
      await expectNoAxeViolations(page, testInfo, "/forgot-password in Spanish with an error");
      await signIn(page, users[0]!.email, users[0]!.password);
      await page.goto("/account");
      await expect(page.getByRole("heading", { level: 1, name: "Su cuenta" })).toBeVisible();
      await expectNoAxeViolations(page, testInfo, "/account in Spanish");
    });
  });
});
