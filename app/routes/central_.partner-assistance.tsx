import type { Route } from "./+types/central_.partner-assistance";
import { Form, Link, useLoaderData } from "react-router";
import { z } from "zod";
import { requireCentralAdmin } from "~/services/authz.server";
import { badRequest, notFound } from "~/services/http.server";
import { readForm } from "~/services/request-body.server";
import { respondToOutcome } from "~/services/outcome-response.server";
import {
  answerRequest,
  getAssistanceSetting,
  listPendingRequests,
  setPartnerAssistance,
} from "~/models/approvals.server";
import { SubmitButton } from "~/components/form/SubmitButton";
import { formatDate } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { parseId } from "~/utils/params";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = { messages: ["centralAccount", "centralAssistance"] } satisfies MessagesHandle;

/** The forms of this page, told apart by their button's `intent`. */
const intentSchema = z.enum(["turnOn", "turnOff", "approve", "refuse"]);

const PATH = "/central/partner-assistance";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "centralAssistance.title");

/**
 * "Account details > Support > Partner Assistance" (F12, F14): whether the
 * partner may open this console, with "Turn on/off Partner Assistance", and
 * the partner's requests waiting for an answer, each with "Approve" and
 * "Refuse". The customer's own admin only: for a partner user launched into
 * the console this page does not exist (404), so it can neither see nor
 * change the setting that lets it in.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireCentralAdmin(request);
  if (actor.kind !== "customerAdmin") throw notFound();
  const setting = getAssistanceSetting({ actor });
  if (!setting) throw notFound();
  return {
    setting: { on: setting.on, since: setting.since, managedOrder: setting.managedOrder },
    partner: setting.partnerName,
    requests: listPendingRequests({ actor }),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requireCentralAdmin(request);
  if (actor.kind !== "customerAdmin") throw notFound();
  const form = await readForm(request);
  const intent = intentSchema.safeParse(form.get("intent"));
  if (!intent.success) throw badRequest();

  if (intent.data === "turnOn" || intent.data === "turnOff") {
    return respondToOutcome(request, setPartnerAssistance({ actor, on: intent.data === "turnOn" }), (done) => {
      switch (done.status) {
        case "turned_on":
          return { to: PATH, flash: { key: "centralAssistance.turnedOn", vars: { partner: done.partnerName } } };
        case "turned_off":
          return { to: PATH, flash: { key: "centralAssistance.turnedOff", vars: { partner: done.partnerName } } };
        // A second click, or a second tab: it is so already; say so, change nothing.
        case "unchanged":
          return { to: PATH, flash: { key: done.on ? "centralAssistance.alreadyOn" : "centralAssistance.alreadyOff" } };
      }
    });
  }

  const requestId = parseId(String(form.get("requestId") ?? ""));
  if (!requestId) throw notFound();
  const outcome = answerRequest({ actor, requestId, answer: intent.data === "approve" ? "approve" : "refuse" });
  return respondToOutcome(request, outcome, (done) =>
    done.status === "answered"
      ? {
          to: PATH,
          flash: {
            key: done.answer === "approve" ? "centralAssistance.approved" : "centralAssistance.refused",
            vars: { partner: done.partnerName },
          },
        }
      : // Expired, or answered already (a second click, a second tab): say so, change nothing.
        { to: PATH, flash: { key: "centralAssistance.notPending" } },
  );
}

export default function PartnerAssistancePage() {
  const t = useT();
  const { setting, partner, requests } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="mb-4">
        <Link to="/central/account">{t("consoleNav.account")}</Link>
      </p>
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-700">{t("centralAccount.support")}</p>
      <h1 className="mb-6 text-3xl font-bold">{t("centralAssistance.title")}</h1>
      <div className="mb-8 max-w-3xl">
        <p className="mb-4">{t("centralAssistance.intro", { partner })}</p>
        <p className="mb-4 border-l-4 border-slate-700 bg-slate-50 p-3 font-semibold">
          {setting.on
            ? setting.since
              ? t("centralAssistance.onSince", { date: formatDate(t.locale, setting.since) })
              : t("centralAssistance.on")
            : t("centralAssistance.off")}
        </p>
        {setting.managedOrder ? (
          <p>{t("centralAssistance.managed")}</p>
        ) : (
          <Form method="post" preventScrollReset>
            <SubmitButton name="intent" value={setting.on ? "turnOff" : "turnOn"}>
              {t(setting.on ? "centralAssistance.turnOff" : "centralAssistance.turnOn")}
            </SubmitButton>
          </Form>
        )}
      </div>

      <section aria-labelledby="assistance-requests" className="max-w-3xl">
        <h2 id="assistance-requests" className="mb-3 text-2xl font-bold">
          {t("centralAssistance.requests")}
        </h2>
        {requests.length === 0 ? (
          <p>{t("centralAssistance.noRequests")}</p>
        ) : (
          <ul className="space-y-4">
            {requests.map((request) => (
              <li key={request.id} className="rounded border border-slate-300 p-4">
                <p className="mb-3">
                  {t("centralAssistance.request", {
                    partner,
                    user: request.requestedBy,
                    date: formatDate(t.locale, request.createdAt),
                    expires: formatDate(t.locale, request.expiresAt),
                  })}
                </p>
                <Form method="post" preventScrollReset className="flex flex-wrap gap-3">
                  <input type="hidden" name="requestId" value={request.id} />
                  <SubmitButton
                    name="intent"
                    value="approve"
                    aria-label={t("centralAssistance.approveFor", { partner })}
                  >
                    {t("centralAssistance.approve")}
                  </SubmitButton>
                  <SubmitButton
                    name="intent"
                    value="refuse"
                    className="button-secondary"
                    aria-label={t("centralAssistance.refuseFor", { partner })}
                  >
                    {t("centralAssistance.refuse")}
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
