import type { Route } from "./+types/root";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import { Suspense, type ReactNode } from "react";
import stylesheet from "~/tailwind.css?url";
import { allowAnyone } from "~/services/authz.server";
import { rootAnswer, rootPreferences } from "~/services/root-data.server";
import { can, type PartnerPrograms } from "~/domain/permissions";
import type { Role } from "../lib/enums";
import { SiteHeader, type PartnerPage, type Viewer } from "~/components/layout/SiteHeader";
import { FlashBanner } from "~/components/layout/FlashBanner";
import { LaunchBanner } from "~/components/layout/LaunchBanner";
import { ErrorPage, errorTitleKey } from "~/components/layout/ErrorPage";
import { useFocusAfterNavigation } from "~/utils/focus-after-navigation";
import { pageTitle } from "~/utils/meta";
import { useNonce } from "~/utils/nonce";
import { createTranslator } from "~/i18n/translate";
import { CatalogPreloads } from "~/i18n/CatalogPreloads";
import { useLocale } from "~/utils/i18n-hooks";

// The stylesheet is linked in Layout: inline instead on data-saver pages.
export const links: Route.LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** Titles for error pages; every page sets its own title otherwise. */
export const meta: Route.MetaFunction = ({ error, matches }) => {
  if (!error) return [];
  return pageTitle(matches, errorTitleKey(isRouteErrorResponse(error) ? error.status : 500));
};

/** The partner navigation: Customers for everyone, then the pages this role may open. */
function partnerPages(role: Role, programs: PartnerPrograms): PartnerPage[] {
  const pages: PartnerPage[] = ["customers"];
  if (can(role, programs, "groups.manage")) pages.push("groups");
  if (can(role, programs, "activity.view")) pages.push("activity");
  if (can(role, programs, "integrations.view")) pages.push("integrations");
  if (can(role, programs, "users.manage")) pages.push("users");
  if (can(role, programs, "users.manage")) pages.push("settings");
  return pages;
}

export async function loader({ request }: Route.LoaderArgs) {
  const { user, launch } = await allowAnyone(request);
  const { preferences, flash, clear, inlineCss } = await rootPreferences(request, stylesheet);
  let viewer: Viewer | null = null;
  if (user?.kind === "partner") {
    viewer = {
      kind: "partner",
      name: user.name,
      role: user.role,
      organisation: user.partner.name,
      pages: partnerPages(user.role, user.partner),
      launched: launch ? { customer: launch.customer.name, readOnly: launch.readOnly } : null,
    };
  } else if (user?.kind === "customer") {
    viewer = { kind: "customer", name: user.name, organisation: user.customer.name };
  }
  return rootAnswer({ ...preferences, flash, viewer, inlineCss }, clear);
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>["data"];

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData("root") as RootLoaderData | undefined;
  const nonce = useNonce();
  // The root's data, or the request's language when React Router skipped the root loader (useLocale).
  const locale = useLocale();
  const t = createTranslator(locale);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        {/* Its own boundary: the server may add "Error: " to the title
            (entry.server.tsx), which the browser's first render does not; the
            mismatch then re-renders only this, not the page with what the user
            is typing. ErrorSummary adds the prefix back once hydrated. */}
        <Suspense>
          <Meta />
        </Suspense>
        {root?.inlineCss ? (
          <style nonce={nonce} dangerouslySetInnerHTML={{ __html: root.inlineCss }} />
        ) : (
          <link rel="stylesheet" href={stylesheet} />
        )}
        <Links />
        {root && !root.dataSaver ? <CatalogPreloads locale={locale} /> : null}
      </head>
      <body className="site">
        <a href="#main" className="skip-link">
          {t("skip.link")}
        </a>
        {root?.viewer?.kind === "partner" && root.viewer.launched ? (
          <LaunchBanner
            customer={root.viewer.launched.customer}
            user={root.viewer.name}
            partner={root.viewer.organisation}
            readOnly={root.viewer.launched.readOnly}
          />
        ) : null}
        <SiteHeader viewer={root?.viewer ?? null} dataSaver={root?.dataSaver ?? false} browserSavesData={root?.browserSavesData ?? false} />
        <main id="main" tabIndex={-1} className="site-main">
          {/* Its own boundary: a flash's key comes from an action, so the browser
              may not have its message yet; hydrating it then waits for it
              (app/i18n/translate.ts) while the rest of the page hydrates. */}
          <Suspense>
            <FlashBanner flash={root?.flash ?? null} />
          </Suspense>
          {children}
        </main>
        {/* Data saver (F19): no script at all, not even React Router's own. */}
        {root && !root.dataSaver ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  useFocusAfterNavigation();
  return <Outlet />;
}

export function ErrorBoundary() {
  useFocusAfterNavigation();
  const error = useRouteError();
  if (isRouteErrorResponse(error)) return <ErrorPage status={error.status} data={error.data} />;
  return <ErrorPage status={500} />;
}
