import type { Route } from "./+types/central_.account";
import { Link, useLoaderData } from "react-router";
import { requireCentralAdmin } from "~/services/authz.server";
import { notFound } from "~/services/http.server";
import { getCustomerCard } from "~/models/customer-details.server";
import { getAssistanceSetting } from "~/models/approvals.server";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = { messages: ["central", "centralAccount"] } satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "centralAccount.title");

/**
 * "Account details" in Central Admin (F14): the account's name as the partner
 * set it, its legal name and its partner, and "Support", which leads the
 * customer admin to "Partner Assistance". A partner user launched into the
 * console sees the account but never the Partner Assistance setting (F13).
 */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireCentralAdmin(request);
  const card = getCustomerCard({ scope: actor.scope, customerId: actor.customer.id });
  if (!card) throw notFound();
  if (actor.kind === "launched") {
    return { name: card.name, legalName: card.legalName, partner: actor.partner.name, assistance: null };
  }
  const setting = getAssistanceSetting({ actor });
  if (!setting) throw notFound();
  return { name: card.name, legalName: card.legalName, partner: setting.partnerName, assistance: { on: setting.on } };
}

export default function CentralAccountPage() {
  const t = useT();
  const { name, legalName, partner, assistance } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">{t("centralAccount.title")}</h1>
      <dl className="mb-8 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{t("central.accountName")}</dt>
        <dd className="break-words">{name}</dd>
        <dt className="font-semibold">{t("centralAccount.legalName")}</dt>
        <dd className="break-words">{legalName}</dd>
        <dt className="font-semibold">{t("centralAccount.partner")}</dt>
        <dd className="break-words">{partner}</dd>
      </dl>
      <section aria-labelledby="account-support">
        <h2 id="account-support" className="mb-3 text-2xl font-bold">
          {t("centralAccount.support")}
        </h2>
        {assistance ? (
          <>
            <p className="mb-3">{t("centralAccount.supportText", { partner })}</p>
            <ul className="list-disc pl-6">
              <li>
                <Link to="/central/partner-assistance">{t("centralAccount.assistanceLink")}</Link>
                {": "}
                {t(assistance.on ? "assistance.on" : "assistance.off")}
              </li>
            </ul>
          </>
        ) : (
          <p>{t("centralAccount.supportLaunched")}</p>
        )}
      </section>
    </>
  );
}
