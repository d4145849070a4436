import { test, expect } from "./support/fixtures";
import { signIn } from "./support/sign-in";
import { SPANISH_BROWSER } from "./support/browsers";
import { superAdmin } from "./support/accounts";

test.describe("a browser that asks for Spanish (Accept-Language: es)", () => {
  test.use(SPANISH_BROWSER);

  test("gets the sign-in page in Spanish", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1, name: "Inicie sesión en la Consola de partners" })).toBeVisible();
    await expect(page).toHaveTitle("Iniciar sesión – Consola de partners");
    await expect(page.getByLabel("Dirección de correo electrónico", { exact: true })).toBeVisible();
  });

  test("gets the Customers page in Spanish", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1, name: "Clientes" })).toBeVisible();
    await expect(page).toHaveTitle("Clientes – Consola de partners");
    await expect(page.getByRole("table", { name: "Sus clientes y el estado de sus licencias" })).toBeVisible();
    await expect(page.getByLabel("Buscar clientes", { exact: true })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText("Ha iniciado sesión como Nadia Super, Superadministrador");
  });

  test("gets the 404 page in Spanish", async ({ page }) => {
    const response = await page.goto("/no-such-page-here");
    expect(response?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1, name: "No se encuentra la página" })).toBeVisible();
  });

  test("gets the sign-in errors in Spanish", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Iniciar sesión", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Hay un problema" })).toBeVisible();
    await expect(page.getByRole("alert")).toContainText("Introduzca su dirección de correo electrónico");
  });

  test("can switch to English with the “English” button", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "English", exact: true }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to the Partner Console" })).toBeVisible();
    await expect(page.getByRole("button", { name: "English", exact: true })).toHaveAttribute("aria-pressed", "true");
  });

  test("keeps English once chosen, although the browser asks for Spanish", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "English", exact: true }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await signIn(page, superAdmin.email);
    await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  });
});

test.describe("the language switch", () => {
  test("offers English and Español, each written in its own language, with the current one pressed", async ({ page }) => {
    await page.goto("/sign-in");
    const english = page.getByRole("button", { name: "English", exact: true });
    const spanish = page.getByRole("button", { name: "Español", exact: true });
    await expect(english).toHaveAttribute("aria-pressed", "true");
    await expect(spanish).toHaveAttribute("aria-pressed", "false");
    await expect(spanish).toHaveAttribute("lang", "es");
  });

  test("“Español” shows the page in Spanish at once", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await page.getByRole("button", { name: "Español", exact: true }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1, name: "Clientes" })).toBeVisible();
    await expect(page).toHaveURL(/\/customers$/);
  });

  test("“Español” keeps the page's search", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await page.goto("/customers?q=hooli");
    await page.getByRole("button", { name: "Español", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Clientes" })).toBeVisible();
    await expect(page).toHaveURL(/\/customers\?q=hooli$/);
    await expect(page.getByLabel("Buscar clientes", { exact: true })).toHaveValue("hooli");
  });

  test("the chosen language is remembered on later visits", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Español", exact: true }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    // A new visit, with the browser still asking for English.
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { level: 1, name: "Inicie sesión en la Consola de partners" })).toBeVisible();
    await signIn(page, superAdmin.email);
    await expect(page.getByRole("heading", { level: 1, name: "Clientes" })).toBeVisible();
  });

  test("the chosen language stays after signing out", async ({ page }) => {
    await signIn(page, superAdmin.email);
    await page.getByRole("button", { name: "Español", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Clientes" })).toBeVisible();
    await page.getByRole("banner").getByRole("button", { name: "Cerrar sesión" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("status")).toHaveText("Ha cerrado la sesión.");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
  });
});
