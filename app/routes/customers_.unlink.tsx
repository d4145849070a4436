import type { Route } from "./+types/customers_.unlink";
import { data, redirect, Form, Link, useActionData } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requirePartnerUser } from "~/services/authz.server";
import { readForm } from "~/services/request-body.server";
import { getLocale } from "~/services/preferences.server";
import { changeEachChosen, chosenResult, planChosen, refusedOf } from "~/services/chosen-customers.server";
import { unlinkCustomer } from "~/models/customer-lifecycle.server";
import { planForCustomers } from "~/models/customer-selection.server";
import {
  CONFIRM_IMMEDIATE,
  MAX_SELECTION,
  isResult,
  parseDay,
  parseSelection,
  resultSearch,
  unlinkConfirmationSchema,
  type UnlinkConfirmationFields,
} from "~/schemas/selection";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { SubmitButton } from "~/components/form/SubmitButton";
import { summaryErrors } from "~/components/form/errors";
import { createTranslator, formatDate } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { now } from "~/utils/clock";
import { CustomerName, CustomerSection, NothingChosen } from "~/components/ui/ChosenCustomers";
import { refusalText } from "~/components/ui/customer-labels";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = { messages: ["accountChanges", "common", "errorSummary"] } satisfies MessagesHandle;

/** The outcome lists of the result page's address (schemas/selection.ts), plus `on`, the scheduled day. */
const RESULT_LISTS = ["unlinked", "scheduled", "unconfirmed", "refused", "gone"] as const;

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitle(
    matches,
    loaderData?.view === "result"
      ? "accountChanges.unlink.resultTitle"
      : loaderData?.view === "confirm"
        ? "accountChanges.unlink.title"
        : "accountChanges.none.heading",
  );

/**
 * "Unlink customers" (F9), for a Super Admin: what would happen to each
 * customer chosen on the list (`?ids=1&ids=2`), as the customer policy says:
 * unlinked at once, scheduled for the first day of next month (a monthly
 * account), or not yet, with the reason and the day from which it can be.
 * An immediate unlink needs "Yes, make the unlink effective immediately".
 * After the post, the same address with the outcomes (`?done=1&unlinked=…`)
 * is the result page (post/redirect/get). Ids outside the user's scope are
 * not listed, as if never chosen.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePartnerUser(request, { can: "customer.unlink" });
  const search = new URL(request.url).searchParams;
  if (isResult(search)) {
    // Each customer's outcome as the post reported it, a refusal with the policy's reason as it stands now.
    const result = chosenResult(actor, search, RESULT_LISTS, { kind: "unlink" });
    return {
      view: "result" as const,
      truncated: result.truncated,
      on: parseDay(search.get("on")),
      unlinked: result.named.unlinked,
      scheduled: result.named.scheduled,
      unconfirmed: result.named.unconfirmed,
      refused: result.refused,
      gone: result.named.gone,
    };
  }
  const chosen = planChosen(actor, search, { kind: "unlink" });
  if (chosen.view === "none") return chosen;
  const { plan } = chosen;
  return {
    view: "confirm" as const,
    truncated: chosen.truncated,
    ids: plan.map((customer) => customer.id),
    now: plan.flatMap(({ id, name, decision }) => (decision.allowed && decision.unlinkOn === undefined ? [{ id, name }] : [])),
    scheduled: plan.flatMap(({ id, name, decision }) =>
      decision.allowed && decision.unlinkOn !== undefined ? [{ id, name, on: decision.unlinkOn }] : [],
    ),
    refused: refusedOf(plan),
  };
}

/**
 * "Unlink": asks for the explicit "Yes" when any chosen customer would be
 * unlinked at once (as the facts stand now, not as the page showed them),
 * then unlinks each customer in its own transaction through the policy
 * (models/customer-lifecycle.server.ts) and sends the result page. A second
 * post of the same form writes nothing twice: an unlinked customer is no
 * longer in the list, a scheduled one is refused as already scheduled.
 */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "customer.unlink" });
  const form = await readForm(request);
  const selection = parseSelection(form.getAll("ids"));
  if (selection.ids.length === 0) return redirect("/customers/unlink");
  const at = now();
  const plan = planForCustomers({ actor, ids: selection.ids, action: { kind: "unlink" }, now: at });
  const immediate = plan.some(({ decision }) => decision.allowed && decision.unlinkOn === undefined);
  const t = createTranslator(await getLocale(request));
  const submission = parseWithZod(form, { schema: unlinkConfirmationSchema(t, { immediate }) });
  // The page is shown again from its address (the selection is in it), with the error.
  if (submission.status !== "success") return data({ reply: submission.reply() }, { status: 400 });
  const confirmedImmediate = submission.value.confirmImmediate === "yes";

  let on: number | null = null;
  const lists = changeEachChosen(actor, selection.ids, RESULT_LISTS, (customerId) => {
    const outcome = unlinkCustomer({ actor, customerId, confirmedImmediate, now: at });
    // One moment for every customer of the post, so one day for all.
    if (outcome.status === "scheduled") on = outcome.on;
    return outcome.status === "not_found" ? "gone" : outcome.status;
  });
  return redirect(`/customers/unlink${resultSearch(lists, on === null ? {} : { on: String(on) })}`);
}

export default function UnlinkPage({ loaderData }: Route.ComponentProps) {
  switch (loaderData.view) {
    case "none":
      return <NothingChosen reason={loaderData.reason} />;
    case "confirm":
      return <Confirmation data={loaderData} />;
    case "result":
      return <Result data={loaderData} />;
  }
}

type Data = Route.ComponentProps["loaderData"];

function Confirmation({ data: page }: { data: Extract<Data, { view: "confirm" }> }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<UnlinkConfirmationFields>({
    id: "unlink-confirmation",
    lastResult: actionData?.reply,
    shouldValidate: "onSubmit",
  });
  const confirm = fields.confirmImmediate;
  const confirmError = page.now.length > 0 ? confirm.errors?.[0] : undefined;
  const errors = summaryErrors(form.errors, [{ id: confirm.id, errors: confirmError ? [confirmError] : undefined }]);
  const actionable = page.now.length + page.scheduled.length > 0;
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} />
      <h1 className="mb-4 text-3xl font-bold">{t("accountChanges.unlink.title")}</h1>
      {page.truncated ? <p className="mb-4 border-l-4 border-slate-500 pl-3">{t("accountChanges.truncated", { max: MAX_SELECTION })}</p> : null}
      <p className="mb-6">{t("accountChanges.unlink.intro")}</p>
      {page.now.length > 0 ? (
        <CustomerSection id="unlink-now" heading={t("accountChanges.unlink.now")}>
          {page.now.map((customer) => (
            <li key={customer.id} className="[overflow-wrap:anywhere]">
              <span className="font-semibold">{customer.name}</span>: {t("accountChanges.unlink.nowText")}
            </li>
          ))}
        </CustomerSection>
      ) : null}
      {page.scheduled.length > 0 ? (
        <CustomerSection id="unlink-scheduled" heading={t("accountChanges.unlink.scheduled")}>
          {page.scheduled.map((customer) => (
            <li key={customer.id} className="[overflow-wrap:anywhere]">
              <span className="font-semibold">{customer.name}</span>:{" "}
              {t("accountChanges.unlink.scheduledText", { date: formatDate(t.locale, customer.on) })}
            </li>
          ))}
        </CustomerSection>
      ) : null}
      {page.refused.length > 0 ? (
        <CustomerSection id="unlink-refused" heading={t("accountChanges.unlink.refused")}>
          {page.refused.map((customer) => (
            <li key={customer.id} className="[overflow-wrap:anywhere]">
              <span className="font-semibold">{customer.name}</span>: {refusalText(t, customer)}
            </li>
          ))}
        </CustomerSection>
      ) : null}
      {actionable ? (
        <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit}>
          {/* Every customer listed, the refused too: the result page reports each one. */}
          {page.ids.map((id) => (
            <input key={id} type="hidden" name="ids" value={id} />
          ))}
          {page.now.length > 0 ? (
            <div className={`mb-6 ${confirmError ? "border-l-4 border-red-700 pl-3" : ""}`}>
              <span id={`${confirm.id}-hint`} className="hint mb-1">
                {t.plural("accountChanges.unlink.confirmHint", page.now.length)}
              </span>
              {confirmError ? (
                <span id={`${confirm.id}-error`} className="field-error mb-1">
                  {confirmError}
                </span>
              ) : null}
              <div className="flex min-h-[2.75rem] items-center gap-3">
                <input
                  id={confirm.id}
                  type="checkbox"
                  name={CONFIRM_IMMEDIATE}
                  value="yes"
                  className="h-6 w-6 shrink-0"
                  aria-describedby={confirmError ? `${confirm.id}-hint ${confirm.id}-error` : `${confirm.id}-hint`}
                  aria-invalid={confirmError ? true : undefined}
                />
                <label htmlFor={confirm.id} className="font-semibold">
                  {t("accountChanges.unlink.confirm")}
                </label>
              </div>
            </div>
          ) : null}
          <div className="flex flex-wrap items-center gap-4">
            <SubmitButton className="button border-red-800 bg-red-800 hover:border-red-950 hover:bg-red-950">
              {t("accountChanges.unlink.submit")}
            </SubmitButton>
            <Link to="/customers">{t("common.cancel")}</Link>
          </div>
        </Form>
      ) : (
        <>
          <p className="mb-6 border-l-4 border-slate-500 pl-3">{t("accountChanges.unlink.noneActionable")}</p>
          <p>
            <Link to="/customers">{t("accountChanges.backToList")}</Link>
          </p>
        </>
      )}
    </div>
  );
}

function Result({ data: page }: { data: Extract<Data, { view: "result" }> }) {
  const t = useT();
  const total =
    page.unlinked.length + page.scheduled.length + page.unconfirmed.length + page.refused.length + page.gone.length;
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 text-3xl font-bold">{t("accountChanges.unlink.resultTitle")}</h1>
      {page.truncated ? <p className="mb-4 border-l-4 border-slate-500 pl-3">{t("accountChanges.truncated", { max: MAX_SELECTION })}</p> : null}
      {page.unlinked.length > 0 ? (
        <CustomerSection id="unlink-unlinked" heading={t("accountChanges.unlink.unlinked")}>
          {page.unlinked.map((customer) => (
            <li key={customer.id} className="[overflow-wrap:anywhere]">
              <CustomerName customer={customer} />: {t("accountChanges.unlink.unlinkedText")}
            </li>
          ))}
        </CustomerSection>
      ) : null}
      {page.scheduled.length > 0 ? (
        <CustomerSection id="unlink-scheduled" heading={t("accountChanges.unlink.scheduledResult")}>
          {page.scheduled.map((customer) => (
            <li key={customer.id} className="[overflow-wrap:anywhere]">
              <CustomerName customer={customer} />:{" "}
              {page.on
                ? t("accountChanges.unlink.scheduledResultText", { date: formatDate(t.locale, page.on) })
                : t("accountChanges.unlink.scheduledResultNoDate")}
            </li>
          ))}
        </CustomerSection>
      ) : null}
      {page.unconfirmed.length + page.refused.length > 0 ? (
        <CustomerSection id="unlink-not-unlinked" heading={t("accountChanges.unlink.notUnlinked")}>
          {page.unconfirmed.map((customer) => (
            <li key={customer.id} className="[overflow-wrap:anywhere]">
              <CustomerName customer={customer} />: {t("accountChanges.unlink.unconfirmedText")}
            </li>
          ))}
          {page.refused.map((customer) => (
            <li key={customer.id} className="[overflow-wrap:anywhere]">
              <CustomerName customer={customer} />:{" "}
              {customer.reason
                ? refusalText(t, { reason: customer.reason, from: customer.from })
                : t("accountChanges.unlink.notUnlinkedText")}
            </li>
          ))}
        </CustomerSection>
      ) : null}
      {page.gone.length > 0 ? (
        <CustomerSection id="unlink-gone" heading={t("accountChanges.unlink.gone")}>
          {page.gone.map((customer) => (
            <li key={customer.id} className="[overflow-wrap:anywhere]">
              <span className="font-semibold">{customer.name}</span>: {t("accountChanges.gone")}
            </li>
          ))}
        </CustomerSection>
      ) : null}
      {total === 0 ? <p className="mb-6">{t("accountChanges.notInList")}</p> : null}
      <p>
        <Link to="/customers">{t("accountChanges.backToList")}</Link>
      </p>
    </div>
  );
}
