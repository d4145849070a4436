import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./accounts";

/** The sign-in form's words in each language the app speaks. */
const SIGN_IN_LABELS = {
  en: { email: "Email address", password: "Password", submit: "Sign in" },
  es: { email: "Dirección de correo electrónico", password: "Contraseña", submit: "Iniciar sesión" },
} as const;

/**
 * Signs in through the sign-in page, as a person would, and waits until the
 * app has left it. Works with JavaScript on and off, in English and Spanish
 * (the page's own `lang` says which labels to look for).
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  const lang = (await page.locator("html").getAttribute("lang")) === "es" ? "es" : "en";
  const labels = SIGN_IN_LABELS[lang];
  await page.getByLabel(labels.email, { exact: true }).fill(email);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: labels.submit, exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in(\?|$)/);
  // Without JavaScript the URL changes when the next page starts arriving.
  await page.waitForLoadState("load");
}

/** Signs out with the header's "Sign out" button and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
}
