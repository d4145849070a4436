import type { Route } from "./+types/central";
import { useLoaderData } from "react-router";
import { requireCentralAdmin } from "~/services/authz.server";
import { listLicenses } from "~/models/customer-details.server";
import { LicenseTable } from "~/components/ui/LicenseTable";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { describeLicense } from "~/domain/license-status";
import { now } from "~/utils/clock";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = {
  messages: [ "central", "customers", "groups", "licenseStatus", "licenseType", "meta",
  ],
} satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "central.licenses", undefined, { description: "meta.central" });

/**
 * Central Admin, the customer's own console (F14): its name as the partner
 * set it, and its licenses. Its customer admin, or a partner user launched
 * into it (F13), sees it; the navigation leads on to "Account details".
 */
export async function loader({ request }: Route.LoaderArgs) {
  const { customer, scope } = await requireCentralAdmin(request);
  const at = now();
  const licenses = listLicenses({ scope, customerId: customer.id }).map((license) => describeLicense(license, at));
  return { name: customer.name, licenses };
}

export default function CentralAdminPage() {
  const t = useT();
  const { name, licenses } = useLoaderData<typeof loader>();
  return (
    <>
      {/* The header says "Central Admin"; the heading names the account, and "Licenses" names the table once. */}
      <h1 className="mb-6 break-words text-3xl font-bold">{t("central.heading", { name })}</h1>
      <h2 id="central-licenses" className="mb-3 text-2xl font-bold">
        {t("central.licenses")}
      </h2>
      <LicenseTable licenses={licenses} labelledBy="central-licenses" />
    </>
  );
}
