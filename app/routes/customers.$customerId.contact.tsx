import type { Route } from "./+types/customers.$customerId.contact";
import { Link, useLocation, useRouteLoaderData } from "react-router";
import { requirePartnerUser } from "~/services/authz.server";
import { notFound } from "~/services/http.server";
import { getCustomerCard, getCustomerFacts } from "~/models/customer-details.server";
import { isAllowed } from "~/domain/customer-policy";
import { now } from "~/utils/clock";
import { DialogOrPage } from "~/components/ui/DialogOrPage";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { parseId } from "~/utils/params";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = { messages: ["common", "contact", "details"] } satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitle(matches, "contact.title", { name: loaderData?.card.name ?? "" });

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePartnerUser(request, { can: "customers.view" });
  const customerId = parseId(params.customerId);
  const card = customerId ? getCustomerCard({ scope: actor.scope, customerId }) : undefined;
  const facts = customerId ? getCustomerFacts({ scope: actor.scope, customerId }) : undefined;
  if (!card || !facts) throw notFound();
  return { card, canRename: isAllowed(actor, { kind: "rename" }, facts, now()) };
}

export default function ContactCard({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { card, canRename } = loaderData;
  const list = useRouteLoaderData("routes/customers") as { list: unknown } | undefined;
  const { search } = useLocation();
  const contactName = `${card.contact.firstName} ${card.contact.lastName}`.trim();
  return (
    <DialogOrPage
      asDialog={Boolean(list?.list)}
      title={card.name}
      backTo={`/customers${search}`}
      focusCustomerId={card.id}
    >
      <p className="mb-4 text-sm font-semibold uppercase tracking-wide text-slate-700">{t("contact.heading")}</p>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{t("contact.shownAs")}</dt>
        <dd className="flex flex-wrap items-center gap-3">
          <span>{card.displayName || card.legalName}</span>
          {canRename ? (
            <Link
              to={`/customers/${card.id}/name${search}`}
              className="button-small no-underline"
              preventScrollReset
            >
              {t("contact.edit")}
            </Link>
          ) : null}
        </dd>
        <dt className="font-semibold">{t("contact.legalName")}</dt>
        <dd>{card.legalName}</dd>
        <dt className="font-semibold">{t("contact.name")}</dt>
        <dd>{contactName || "–"}</dd>
        <dt className="font-semibold">{t("contact.email")}</dt>
        <dd>{card.contact.email ? <a href={`mailto:${card.contact.email}`}>{card.contact.email}</a> : "–"}</dd>
        <dt className="font-semibold">{t("contact.phone")}</dt>
        <dd>{card.contact.phone ? <a href={`tel:${card.contact.phone.replace(/\s+/g, "")}`}>{card.contact.phone}</a> : "–"}</dd>
        <dt className="font-semibold">{t("contact.address")}</dt>
        <dd>
          {card.contact.addressLines.length > 0 ? (
            <address className="not-italic">
              {card.contact.addressLines.map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </address>
          ) : (
            "–"
          )}
        </dd>
      </dl>
      <p className="mt-6">
        <Link to={`/customers/${card.id}`} aria-label={t("details.linkFor", { name: card.name })}>
          {t("details.link")}
        </Link>
      </p>
    </DialogOrPage>
  );
}
