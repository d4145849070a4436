import { Form, Link, NavLink, useLocation } from "react-router";
import { useEffect, useRef } from "react";
import type { Role } from "../../../lib/enums";
import { LOCALES, LOCALE_NAMES } from "~/i18n/locales";
import { useT } from "~/utils/i18n-hooks";

/** A page of the partner navigation; a later page (Activity) is one more entry here. */
export type PartnerPage = "customers" | "groups" | "activity" | "integrations" | "users" | "settings";

const PAGE_HREF: Record<PartnerPage, string> = {
  customers: "/customers",
  groups: "/groups",
  activity: "/activity",
  integrations: "/integrations",
  users: "/users",
  settings: "/settings",
};

/** The customer console a partner user is launched into (F13). */
export type LaunchedConsole = { customer: string; readOnly: boolean };

export type Viewer =
  | {
      kind: "partner";
      name: string;
      role: Role;
      organisation: string;
      /** The partner pages this user may open, in navigation order (Customers always first). */
      pages: PartnerPage[];
      /** Set while the user is launched into a customer's Central Admin. */
      launched: LaunchedConsole | null;
    }
  | { kind: "customer"; name: string; organisation: string };

/** Central Admin's own pages: /central and everything under it. */
export function isCentralAdminPath(pathname: string): boolean {
  return pathname === "/central" || pathname.startsWith("/central/");
}

/**
 * The frame's header: who is signed in and for whom, the main navigation,
 * the language and data-saver switches, and sign-out. Every control is a
 * plain form, so all of it works without JavaScript.
 *
 * Central Admin has its own name ("Central Admin") and navigation
 * ("Licenses", "Account details"), for its customer admin and for a partner
 * user launched into it while on its pages; the header then names the
 * customer whose console it is.
 *
 * On a narrow screen (below 48rem: a phone, or 1280 px zoomed to 400%) the
 * header is one line: the console's name and a "Menu" disclosure (a plain
 * <details>, so it opens without JavaScript) that holds the rest. From 48rem
 * the disclosure's button is hidden and its content always shown (app/tailwind.css,
 * `.site-menu`); a browser that cannot style a closed <details> keeps the
 * "Menu" button at every width.
 */
export function SiteHeader({
  viewer,
  dataSaver,
  browserSavesData,
}: {
  viewer: Viewer | null;
  dataSaver: boolean;
  browserSavesData: boolean;
}) {
  const t = useT();
  const location = useLocation();
  const here = location.pathname + location.search;
  // .nav-link (app/tailwind.css): one class on each link, not its utilities; the current page's is underlined.
  const navLink = ({ isActive }: { isActive: boolean }) => (isActive ? "nav-link nav-link-current" : "nav-link");
  // Whose Central Admin this page is, if it is one: the customer admin's own,
  // or the one a partner user is launched into (F13), while on its pages.
  const launched = viewer?.kind === "partner" ? viewer.launched : null;
  const consoleOf =
    viewer?.kind === "customer"
      ? viewer.organisation
      : launched && isCentralAdminPath(location.pathname)
        ? launched.customer
        : null;
  // "Account details" is the page, or the section the page is in (Partner Assistance).
  const accountDetails =
    location.pathname === "/central/account"
      ? ("page" as const)
      : location.pathname === "/central/partner-assistance"
        ? ("true" as const)
        : undefined;

  // With JavaScript, a page reached from the menu opens with the menu closed, as it would without.
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    menu.current?.removeAttribute("open");
  }, [location.key]);

  return (
    <header className="site-header">
      <div className="site-header-bar">
        <p className="site-name">{consoleOf !== null ? t("central.title") : t("app.name")}</p>
        <details ref={menu} className="site-menu">
          <summary className="site-menu-button">{t("header.menu")}</summary>
          <div className="site-menu-content">
            {viewer ? (
              <p className="site-user">
                <span>
                  {consoleOf !== null
                    ? t("header.customer", { customer: consoleOf })
                    : t("header.partner", { partner: viewer.organisation })}
                </span>
                <span>
                  {t("header.signedInAs", {
                    name: viewer.name,
                    role: t(viewer.kind === "partner" ? `role.${viewer.role}` : "role.customer_admin"),
                  })}
                </span>
              </p>
            ) : null}
            {viewer ? (
              <nav aria-label={t("nav.label")}>
                <ul className="site-nav">
                  {viewer.kind === "partner" && consoleOf === null ? (
                    viewer.pages.map((page) => (
                      <li key={page}>
                        <NavLink to={PAGE_HREF[page]} className={navLink}>
                          {t(`nav.${page}`)}
                        </NavLink>
                      </li>
                    ))
                  ) : (
                    <>
                      <li>
                        <NavLink to="/central" end className={navLink}>
                          {t("central.licenses")}
                        </NavLink>
                      </li>
                      <li>
                        {/* Partner Assistance is a page of Account details (Account details > Support). */}
                        <Link
                          to="/central/account"
                          className={navLink({ isActive: accountDetails !== undefined })}
                          aria-current={accountDetails}
                        >
                          {t("consoleNav.account")}
                        </Link>
                      </li>
                    </>
                  )}
                </ul>
              </nav>
            ) : null}
            <div className="site-tools">
              {/* A full page load: the browser holds one language's messages only (entry.client.tsx). */}
              <Form method="post" action="/preferences" reloadDocument className="site-tool" aria-label={t("lang.switch")}>
                <input type="hidden" name="redirectTo" value={here} />
                <span className="text-sm" id="lang-label">
                  {`${t("lang.label")}:`}
                </span>
                {LOCALES.map((locale) => (
                  <button
                    key={locale}
                    type="submit"
                    name="locale"
                    value={locale}
                    lang={locale}
                    aria-pressed={t.locale === locale}
                    className="button-small"
                  >
                    {LOCALE_NAMES[locale]}
                  </button>
                ))}
              </Form>
              {/* A full page load: turning data saver on must drop the scripts already running. */}
              <Form method="post" action="/preferences" reloadDocument className="site-tool">
                <input type="hidden" name="redirectTo" value={here} />
                <input type="hidden" name="dataSaver" value={dataSaver ? "off" : "on"} />
                {/* A switch, not a pressed button: SPEC calls it one, and its role keeps
                    it apart from the many "Save" buttons for assistive technology. */}
                {/* While the browser sends Save-Data: on, the switch cannot turn data
                    saver off: it says why in visible text and stays focusable
                    (aria-disabled on a plain button that sends nothing). */}
                <button
                  type={browserSavesData ? "button" : "submit"}
                  role="switch"
                  aria-checked={dataSaver}
                  aria-describedby="data-saver-hint"
                  aria-disabled={browserSavesData || undefined}
                  className={browserSavesData ? "button-small cursor-not-allowed" : "button-small"}
                >
                  {t("dataSaver.label")}
                  {/* The state is the switch's aria-checked; shown for sighted users. */}
                  <span aria-hidden="true">: {dataSaver ? t("dataSaver.on") : t("dataSaver.off")}</span>
                </button>
                {browserSavesData ? (
                  <span id="data-saver-hint" className="max-w-[16rem] text-sm text-slate-200">
                    {t("dataSaver.browser")}
                  </span>
                ) : (
                  <span id="data-saver-hint" className="sr-only">
                    {t("dataSaver.hint")}
                  </span>
                )}
              </Form>
              {viewer ? (
                // Every signed-in user's own account (issue 20): name, password, second factor.
                <NavLink to="/account" end className={({ isActive }) => (isActive ? "button-small underline" : "button-small")}>
                  {t("account.heading")}
                </NavLink>
              ) : null}
              {viewer ? (
                <Form method="post" action="/sign-out" reloadDocument>
                  <button type="submit" className="button-small">
                    {t("signOut.button")}
                  </button>
                </Form>
              ) : null}
            </div>
          </div>
        </details>
      </div>
    </header>
  );
}
