import type { Route } from "./+types/customers_.billing";
import { redirect, Form, Link } from "react-router";
import { requirePartnerUser } from "~/services/authz.server";
import { readForm } from "~/services/request-body.server";
import { changeEachChosen, chosenResult, planChosen, refusedOf } from "~/services/chosen-customers.server";
import { convertToMonthly } from "~/models/customer-lifecycle.server";
import { MAX_SELECTION, isResult, parseSelection, resultSearch } from "~/schemas/selection";
import { SubmitButton } from "~/components/form/SubmitButton";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { now } from "~/utils/clock";
import { CustomerName, CustomerSection, NothingChosen } from "~/components/ui/ChosenCustomers";
import { refusalText } from "~/components/ui/customer-labels";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = { messages: ["accountChanges", "common"] } satisfies MessagesHandle;

/** The outcome lists of the result page's address (schemas/selection.ts). */
const RESULT_LISTS = ["converted", "refused", "gone"] as const;

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitle(
    matches,
    loaderData?.view === "result"
      ? "accountChanges.billing.resultTitle"
      : loaderData?.view === "confirm"
        ? "accountChanges.title"
        : "accountChanges.none.heading",
  );

/**
 * "Update billing type" (F8), for a Super Admin of a Flex MSP partner: the
 * customers chosen on the list and what converting them would do, those
 * that cannot be converted apart with the policy's reason; "Convert to
 * monthly" posts; then the result page (services/chosen-customers.server.ts).
 */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePartnerUser(request, { can: "customer.updateBilling" });
  const search = new URL(request.url).searchParams;
  if (isResult(search)) {
    // Who was converted, who not (with the policy's reason as it stands now) and who was no longer in the list.
    const result = chosenResult(actor, search, RESULT_LISTS, { kind: "convertBilling" });
    return {
      view: "result" as const,
      truncated: result.truncated,
      converted: result.named.converted,
      refused: result.refused,
      gone: result.named.gone,
    };
  }
  const chosen = planChosen(actor, search, { kind: "convertBilling" });
  if (chosen.view === "none") return chosen;
  return {
    view: "confirm" as const,
    truncated: chosen.truncated,
    eligible: chosen.plan.filter((customer) => customer.decision.allowed).map(({ id, name }) => ({ id, name })),
    refused: refusedOf(chosen.plan),
  };
}

/**
 * "Convert to monthly": each chosen customer in its own transaction, which
 * reads its facts again and asks the policy (models/customer-lifecycle.server.ts).
 * A second post of the same form converts nobody twice: a converted customer
 * is no longer a trial, and is reported as refused with that reason.
 */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "customer.updateBilling" });
  const form = await readForm(request);
  const selection = parseSelection(form.getAll("ids"));
  if (selection.ids.length === 0) return redirect("/customers/billing");
  const at = now();
  const lists = changeEachChosen(actor, selection.ids, RESULT_LISTS, (customerId) => {
    const outcome = convertToMonthly({ actor, customerId, now: at });
    return outcome.status === "not_found" ? "gone" : outcome.status;
  });
  return redirect(`/customers/billing${resultSearch(lists)}`);
}

export default function UpdateBillingPage({ loaderData: data }: Route.ComponentProps) {
  switch (data.view) {
    case "none":
      return <NothingChosen reason={data.reason} />;
    case "confirm":
      return <Confirmation data={data} />;
    case "result":
      return <Result data={data} />;
  }
}

type Data = Route.ComponentProps["loaderData"];

function Confirmation({ data }: { data: Extract<Data, { view: "confirm" }> }) {
  const t = useT();
  const { eligible, refused } = data;
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 text-3xl font-bold">{t("accountChanges.title")}</h1>
      {data.truncated ? <p className="mb-4 border-l-4 border-slate-500 pl-3">{t("accountChanges.truncated", { max: MAX_SELECTION })}</p> : null}
      {eligible.length > 0 ? (
        <>
          <p className="mb-6">{t("accountChanges.billing.intro")}</p>
          <CustomerSection id="billing-eligible" heading={t("accountChanges.billing.eligible")}>
            {eligible.map((customer) => (
              <li key={customer.id} className="font-semibold [overflow-wrap:anywhere]">
                {customer.name}
              </li>
            ))}
          </CustomerSection>
        </>
      ) : (
        <p className="mb-6 border-l-4 border-slate-500 pl-3">{t("accountChanges.billing.noneEligible")}</p>
      )}
      {refused.length > 0 ? (
        <CustomerSection id="billing-refused" heading={t("accountChanges.billing.refused")}>
          {refused.map((customer) => (
            <li key={customer.id} className="[overflow-wrap:anywhere]">
              <span className="font-semibold">{customer.name}</span>: {refusalText(t, customer)}
            </li>
          ))}
        </CustomerSection>
      ) : null}
      {eligible.length > 0 ? (
        <Form method="post" className="flex flex-wrap items-center gap-4">
          {/* Every customer listed, the refused too: the result page reports each one. */}
          {[...eligible, ...refused].map((customer) => (
            <input key={customer.id} type="hidden" name="ids" value={customer.id} />
          ))}
          <SubmitButton>{t("accountChanges.billing.submit")}</SubmitButton>
          <Link to="/customers">{t("common.cancel")}</Link>
        </Form>
      ) : (
        <p>
          <Link to="/customers">{t("accountChanges.backToList")}</Link>
        </p>
      )}
    </div>
  );
}

function Result({ data }: { data: Extract<Data, { view: "result" }> }) {
  const t = useT();
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 text-3xl font-bold">{t("accountChanges.billing.resultTitle")}</h1>
      {data.truncated ? <p className="mb-4 border-l-4 border-slate-500 pl-3">{t("accountChanges.truncated", { max: MAX_SELECTION })}</p> : null}
      {data.converted.length > 0 ? (
        <CustomerSection id="billing-converted" heading={t("accountChanges.billing.converted")}>
          {data.converted.map((customer) => (
            <li key={customer.id} className="[overflow-wrap:anywhere]">
              <CustomerName customer={customer} />: {t("accountChanges.billing.convertedText")}
            </li>
          ))}
        </CustomerSection>
      ) : null}
      {data.refused.length > 0 ? (
        <CustomerSection id="billing-not-converted" heading={t("accountChanges.billing.notConverted")}>
          {data.refused.map((customer) => (
            <li key={customer.id} className="[overflow-wrap:anywhere]">
              <CustomerName customer={customer} />:{" "}
              {customer.reason ? refusalText(t, { reason: customer.reason, from: customer.from }) : t("accountChanges.billing.notConvertedText")}
            </li>
          ))}
        </CustomerSection>
      ) : null}
      {data.gone.length > 0 ? (
        <CustomerSection id="billing-gone" heading={t("accountChanges.billing.gone")}>
          {data.gone.map((customer) => (
            <li key={customer.id} className="[overflow-wrap:anywhere]">
              <span className="font-semibold">{customer.name}</span>: {t("accountChanges.gone")}
            </li>
          ))}
        </CustomerSection>
      ) : null}
      {data.converted.length + data.refused.length + data.gone.length === 0 ? (
        <p className="mb-6">{t("accountChanges.notInList")}</p>
      ) : null}
      <p>
        <Link to="/customers">{t("accountChanges.backToList")}</Link>
      </p>
    </div>
  );
}
