import type { Page } from "@playwright/test";
import { generateSync } from "otplib";
import { test, expect } from "./support/fixtures";
import { signOut } from "./support/sign-in";
import { freshTeam, type FreshUser } from "./support/fresh-users";
import { passwordResetPathFor } from "./support/mail";

/*
 * "Your account" and signing in safely (issue 20), with JavaScript on and
 * off. Every journey works on a partner and users of its own
 * (support/fresh-users.ts): the demo accounts keep no second factor, and
 * their partners no requirement, whatever runs beside these.
 */

/** Types email and password on the sign-in page and sends them; where the app goes next is the test's to check. */
async function submitPassword(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname !== "/sign-in");
  await page.waitForLoadState("load");
}

/** A TOTP code for the secret `stepsAhead` 30-second steps from now (the app accepts one step either side). */
function totp(secret: string, stepsAhead = 0): string {
  return generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
}

/** "Set up a second factor" from the written secret; returns it and the recovery codes shown once. */
async function setUpSecondFactor(page: Page): Promise<{ secret: string; codes: string[] }> {
  await expect(page.getByRole("heading", { level: 1, name: "Set up a second factor" })).toBeVisible();
  await expect(page.getByRole("img", { name: /^QR code/ })).toBeVisible();
  await expect(page.getByText(/^otpauth:\/\/totp\//)).toBeVisible();
  const grouped = (await page.getByTestId("totp-secret").innerText()).trim();
  expect(grouped).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  const secret = grouped.replace(/ /g, "");
  await page.getByLabel("Verification code", { exact: true }).fill(totp(secret));
  await page.getByRole("button", { name: "Turn on second factor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Save your recovery codes" })).toBeVisible();
  const codes = (await page.getByTestId("recovery-codes").getByRole("listitem").allInnerTexts()).map((code) => code.trim());
  expect(codes).toHaveLength(10);
  return { secret, codes };
}

/** Password, then the verification (or recovery) code; waits for the signed-in page. */
async function signInWithCode(page: Page, user: FreshUser, code: string): Promise<void> {
  await submitPassword(page, user.email, user.password);
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  await expect(page.getByRole("heading", { level: 1, name: "Enter a verification code" })).toBeVisible();
  await page.getByLabel("Verification code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
}

test.describe("Forgot your password?", () => {
  test("a new password is set from the link in the mail; the link works once, and a forged one says what to do", async ({ page }, testInfo) => {
    const { users } = await freshTeam(testInfo.project.name, ["help_desk"]);
    const user = users[0]!;
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("Email address", { exact: true }).fill(user.email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByRole("status")).toContainText(`If ${user.email} is the address of an account, we have sent it a link`);

    const path = await passwordResetPathFor(user.email);
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "Set a new password" })).toBeVisible();
    await page.getByLabel("New password", { exact: true }).fill("password1234");
    await page.getByRole("button", { name: "Set the new password" }).click();
    const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });
    await expect(summary.getByRole("link", { name: /^This password is too common/ })).toBeVisible();
    await expect(page.getByLabel("New password", { exact: true })).toHaveValue("");

    const fresh = "quiet orchard hums at dusk";
    await page.getByLabel("New password", { exact: true }).fill(fresh);
    await page.getByRole("button", { name: "Set the new password" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("status")).toContainText("Your new password is set");
    await submitPassword(page, user.email, fresh);
    await expect(page).toHaveURL(/\/customers$/);

    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "This link cannot be used" })).toBeVisible();
    await expect(page.getByText("This link has already been used. If you still need a new password, ask for a new link.")).toBeVisible();
    await page.goto("/reset-password/not-a-real-link");
    await expect(page.getByText(/^This link is not valid\./)).toBeVisible();
    await expect(page.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
  });
});

test.describe("a second factor", () => {
  test("set up from the written secret, then asked at sign-in: a code, a recovery code, never a code twice; turned off", async ({ page }, testInfo) => {
    const { users } = await freshTeam(testInfo.project.name, ["admin"]);
    const user = users[0]!;
    await submitPassword(page, user.email, user.password);
    await page.getByRole("banner").getByRole("link", { name: "Your account" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    await page.getByRole("link", { name: "Set up a second factor" }).click();
    const { secret, codes } = await setUpSecondFactor(page);

    // The codes as a text file: a form post, answered as a download.
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download recovery codes" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("partner-console-recovery-codes.txt");
    const stream = await download.createReadStream();
    let text = "";
    for await (const chunk of stream) text += String(chunk);
    for (const code of codes) expect(text).toContain(code);

    await page.getByRole("link", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    await expect(page.getByText("You have 10 recovery codes left.")).toBeVisible();
    await signOut(page);

    // The set-up used this step's code: the next step's is accepted (one step either side), once.
    const next = totp(secret, 1);
    await signInWithCode(page, user, next);
    await expect(page).toHaveURL(/\/customers$/);
    await signOut(page);

    await signInWithCode(page, user, next);
    await expect(page.getByRole("alert")).toContainText("This code is not right, or it has been used already");
    await expect(page.getByLabel("Verification code", { exact: true })).toHaveValue("");
    await page.getByLabel("Verification code", { exact: true }).fill(codes[0]!);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await expect(page).toHaveURL(/\/customers$/);

    await page.goto("/account");
    await expect(page.getByText("You have 9 recovery codes left.")).toBeVisible();
    await page.getByRole("link", { name: "Turn off second factor" }).click();
    await page.getByLabel("Current password", { exact: true }).fill(user.password);
    await page.getByLabel("Verification code", { exact: true }).fill(codes[0]!);
    await page.getByRole("button", { name: "Turn off second factor" }).click();
    await expect(page.getByRole("alert")).toContainText("This code is not right, or it has been used already");
    await page.getByLabel("Current password", { exact: true }).fill(user.password);
    await page.getByLabel("Verification code", { exact: true }).fill(codes[1]!);
    await page.getByRole("button", { name: "Turn off second factor" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("status")).toHaveText("Your second factor is off.");
    await signOut(page);
    await submitPassword(page, user.email, user.password);
    await expect(page).toHaveURL(/\/customers$/);
  });

  test("required of every user by a Super Admin: each is sent to set one up and can do nothing else until done", async ({ page, browser }, testInfo) => {
    const { users } = await freshTeam(testInfo.project.name, ["super_admin", "read_only"]);
    const [boss, member] = users as [FreshUser, FreshUser];
    await submitPassword(page, boss.email, boss.password);
    await page.getByRole("navigation").getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    await expect(page.getByTestId("users-without-second-factor")).toHaveText("2 of your 2 active users have no second factor yet.");
    await page.getByLabel("Require a second factor for every user").check();
    await page.getByRole("button", { name: "Save settings" }).click();
    // The Super Admin has none either: the set-up comes first.
    await expect(page).toHaveURL(/\/account\/second-factor$/);
    await expect(page.getByText("Your partner account requires a second factor: set one up to continue.")).toBeVisible();
    await page.goto("/customers");
    await expect(page).toHaveURL(/\/account\/second-factor$/);
    await setUpSecondFactor(page);
    await page.getByRole("link", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/customers$/);
    await page.goto("/settings");
    await expect(page.getByLabel("Require a second factor for every user")).toBeChecked();

    const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: "en-GB", javaScriptEnabled: testInfo.project.use.javaScriptEnabled });
    const memberPage = await other.newPage();
    await submitPassword(memberPage, member.email, member.password);
    await expect(memberPage).toHaveURL(/\/account\/second-factor$/);
    await memberPage.goto("/account/password");
    await expect(memberPage).toHaveURL(/\/account\/second-factor$/);
    await setUpSecondFactor(memberPage);
    await memberPage.getByRole("link", { name: "Continue" }).click();
    await expect(memberPage).toHaveURL(/\/customers$/);
    // Required: nobody turns theirs off.
    await memberPage.goto("/account");
    await expect(memberPage.getByText("Your partner account requires a second factor for every user, so it cannot be turned off.")).toBeVisible();
    await expect(memberPage.getByRole("link", { name: "Turn off second factor" })).toHaveCount(0);
    await other.close();
  });
});

test.describe("Change password", () => {
  test("needs the current password, says why a new one is refused, and keeps this session", async ({ page }, testInfo) => {
    const { users } = await freshTeam(testInfo.project.name, ["read_only"]);
    const user = users[0]!;
    await submitPassword(page, user.email, user.password);
    await page.goto("/account");
    await page.getByRole("link", { name: "Change password" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Change password" })).toBeVisible();
    await page.getByLabel("Current password", { exact: true }).fill("not my password");
    await page.getByLabel("New password", { exact: true }).fill("silver comet naps often");
    await page.getByRole("button", { name: "Change password" }).click();
    const summary = page.getByRole("alert");
    await expect(summary.getByRole("link", { name: "Your current password is not right" })).toBeVisible();
    await expect(page.getByLabel("Current password", { exact: true })).toHaveValue("");
    await page.getByLabel("Current password", { exact: true }).fill(user.password);
    await page.getByLabel("New password", { exact: true }).fill("qwertyuiop12");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("alert").getByRole("link", { name: /^This password (is too common|follows a row)/ })).toBeVisible();
    await page.getByLabel("Current password", { exact: true }).fill(user.password);
    await page.getByLabel("New password", { exact: true }).fill("silver comet naps often");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("status")).toContainText("Your password has been changed.");
    await signOut(page);
    await submitPassword(page, user.email, "silver comet naps often");
    await expect(page).toHaveURL(/\/customers$/);
  });
});

test.describe("at 320 px wide", () => {
  test.use({ viewport: { width: 320, height: 800 } });

  test("the account pages never scroll sideways, the set-up's address and secret included", async ({ page }, testInfo) => {
    const { users } = await freshTeam(testInfo.project.name, ["super_admin"]);
    const user = users[0]!;
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    for (const path of ["/sign-in", "/forgot-password", "/reset-password/not-a-real-link"]) {
      await page.goto(path);
      expect(await sideways(), path).toBeLessThanOrEqual(0);
    }
    await submitPassword(page, user.email, user.password);
    for (const path of ["/account", "/account/password", "/settings", "/account/second-factor"]) {
      await page.goto(path);
      expect(await sideways(), path).toBeLessThanOrEqual(0);
    }
    await setUpSecondFactor(page);
    expect(await sideways(), "recovery codes").toBeLessThanOrEqual(0);
  });
});
