import type { Route } from "./+types/integrations";
import { Form, Link, useLoaderData } from "react-router";
import { requirePartnerUser } from "~/services/authz.server";
import { getOutboxStatus, retryFailedDeliveries } from "~/models/crm-outbox.server";
import { getMailOutboxStatus, retryFailedMail } from "~/models/mail-outbox.server";
import { salesforceSettingsFromEnv } from "~/services/outbox.server";
import { mailSettingsFromEnv } from "~/services/mail.server";
import { readForm } from "~/services/request-body.server";
import { redirectWithFlash } from "~/services/outcome-response.server";
import { SubmitButton } from "~/components/form/SubmitButton";
import { formatNumber } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = {
  messages: ["apiCredentials.link", "apiCredentials.linkIntro", "apiCredentials.section", "integrations", "meta"],
} satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "integrations.title", undefined, { description: "meta.integrations" });

/** Integrations status (F15), Super Admins only: how the Salesforce outbox stands. */
export async function loader({ request }: Route.LoaderArgs) {
  const { partner } = await requirePartnerUser(request, { can: "integrations.view" });
  return {
    configured: salesforceSettingsFromEnv() !== null,
    status: getOutboxStatus({ partnerId: partner.id }),
    // Whether mail goes through SMTP, never its address (it may hold a password).
    mailBySmtp: mailSettingsFromEnv().smtpUrl !== null,
    mail: getMailOutboxStatus({ partnerId: partner.id }),
  };
}

/** "Retry failed" (Salesforce) or "Retry failed mail": the partner's failed deliveries or mail wait again. */
export async function action({ request }: Route.ActionArgs) {
  const { partner } = await requirePartnerUser(request, { can: "integrations.view" });
  const mail = (await readForm(request)).get("intent") === "retryMail";
  const count = mail ? retryFailedMail({ partnerId: partner.id }) : retryFailedDeliveries({ partnerId: partner.id });
  return redirectWithFlash(request, "/integrations", {
    key: mail
      ? count === 1
        ? "integrations.mail.retried.one"
        : "integrations.mail.retried.other"
      : count === 1
        ? "integrations.retried.one"
        : "integrations.retried.other",
    vars: { count },
  });
}

export default function IntegrationsPage() {
  const t = useT();
  const { configured, status, mailBySmtp, mail } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 text-3xl font-bold">{t("integrations.heading")}</h1>
      <h2 className="mb-2 text-2xl font-bold">{t("integrations.salesforce")}</h2>
      <p className="mb-3">{t("integrations.intro")}</p>
      <p className="mb-6 border-l-4 border-slate-600 bg-slate-50 p-3">
        {configured ? t("integrations.configured") : t("integrations.notConfigured")}
      </p>
      <h3 className="mb-2 text-xl font-bold">{t("integrations.counts")}</h3>
      <dl className="mb-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-semibold">{t("integrations.waiting")}</dt>
        <dd data-testid="outbox-waiting">{formatNumber(t.locale, status.waiting)}</dd>
        <dt className="font-semibold">{t("integrations.failed")}</dt>
        <dd data-testid="outbox-failed">{formatNumber(t.locale, status.failed)}</dd>
        <dt className="font-semibold">{t("integrations.delivered")}</dt>
        <dd data-testid="outbox-delivered">{formatNumber(t.locale, status.delivered)}</dd>
        <dt className="font-semibold">{t("integrations.lastError")}</dt>
        <dd className="break-words">{status.lastError ?? t("integrations.noError")}</dd>
      </dl>
      {status.failed > 0 ? (
        <Form method="post">
          <SubmitButton name="intent" value="retry">
            {t("integrations.retry")}
          </SubmitButton>
        </Form>
      ) : null}

      <h2 className="mb-2 mt-10 text-2xl font-bold">{t("integrations.mail.heading")}</h2>
      <p className="mb-3">{t("integrations.mail.intro")}</p>
      <p className="mb-6 border-l-4 border-slate-600 bg-slate-50 p-3">
        {mailBySmtp ? t("integrations.mail.smtp") : t("integrations.mail.files")}
      </p>
      <h3 className="mb-2 text-xl font-bold">{t("integrations.mail.counts")}</h3>
      <dl className="mb-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-semibold">{t("integrations.mail.pending")}</dt>
        <dd data-testid="mail-pending">{formatNumber(t.locale, mail.waiting)}</dd>
        <dt className="font-semibold">{t("integrations.mail.failed")}</dt>
        <dd data-testid="mail-failed">{formatNumber(t.locale, mail.failed)}</dd>
        <dt className="font-semibold">{t("integrations.mail.sent")}</dt>
        <dd data-testid="mail-sent">{formatNumber(t.locale, mail.delivered)}</dd>
        <dt className="font-semibold">{t("integrations.lastError")}</dt>
        <dd className="break-words">{mail.lastError ?? t("integrations.noError")}</dd>
      </dl>
      {mail.failed > 0 ? (
        <Form method="post">
          <SubmitButton name="intent" value="retryMail">
            {t("integrations.mail.retry")}
          </SubmitButton>
        </Form>
      ) : null}

      {/* The Partner API (issue 21): its credentials have a page of their own. */}
      <h2 className="mb-2 mt-8 text-2xl font-bold">{t("apiCredentials.section")}</h2>
      <p className="mb-2">{t("apiCredentials.linkIntro")}</p>
      <p>
        <Link to="/api-credentials">{t("apiCredentials.link")}</Link>
      </p>
    </div>
  );
}
