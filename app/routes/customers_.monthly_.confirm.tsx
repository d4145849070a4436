import type { Route } from "./+types/customers_.monthly_.confirm";
import { data, redirect, Form, Link } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requirePartnerUser } from "~/services/authz.server";
import { readForm } from "~/services/request-body.server";
import { getLocale } from "~/services/preferences.server";
import { redirectWithFlash, respondToOutcome } from "~/services/outcome-response.server";
import { discardMonthlyDraft, firstUnfinishedStep, getMonthlyDraft } from "~/models/drafts.server";
import { createMonthlyAccount } from "~/models/customer-creation.server";
import { productsInOrder } from "~/domain/products";
import { MONTHLY_STEP_PATHS, monthlyConfirmSchema, stepIntent, type MonthlyConfirmFields } from "~/schemas/new-customer";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import type { MessageKey } from "~/i18n/messages";
import { createTranslator } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { StepButtons, StepCaption } from "~/components/form/NewCustomerForm";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = { messages: ["common", "errorSummary", "geography", "lifecycle"] } satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "lifecycle.monthly.confirm.title");

/**
 * "Create monthly account", step 3 of 3: what steps 1 and 2 took, and the
 * explicit acceptance that the partner is charged from the moment the
 * products are installed. Without the earlier steps done, the first one
 * not done.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePartnerUser(request, { can: "customer.createMonthly" });
  const draft = getMonthlyDraft({ actor });
  const step = firstUnfinishedStep(draft);
  if (step !== "confirm" || !draft?.customer) throw redirect(MONTHLY_STEP_PATHS[step]);
  return {
    customer: draft.customer,
    products: productsInOrder(draft.products).map(({ id, name, category }) => ({ id, name, category })),
  };
}

/**
 * "Create monthly customer": with the acceptance, the customer is created
 * from the draft, which is used up in the same transaction; a second submit
 * finds no draft and is sent to the customer just created. "Back": step 2.
 * "Cancel": the draft thrown away.
 */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "customer.createMonthly" });
  const form = await readForm(request);
  const intent = stepIntent(form.get("intent"));
  if (intent === "cancel") {
    discardMonthlyDraft({ actor });
    return redirectWithFlash(request, "/customers", { key: "lifecycle.monthly.cancelled" });
  }
  if (intent === "back") return redirect(MONTHLY_STEP_PATHS.licenses);
  const t = createTranslator(await getLocale(request));
  const submission = parseWithZod(form, { schema: monthlyConfirmSchema(t) });
  if (submission.status !== "success") {
    // Without a finished draft there is nothing to accept yet: the step it lacks instead.
    const step = firstUnfinishedStep(getMonthlyDraft({ actor }));
    if (step !== "confirm") return redirect(MONTHLY_STEP_PATHS[step]);
    return data({ reply: submission.reply() }, { status: 400 });
  }
  const outcome = createMonthlyAccount({ actor });
  return respondToOutcome(request, outcome, (done) => {
    switch (done.status) {
      case "incomplete":
        return { to: MONTHLY_STEP_PATHS[done.step] };
      case "no_draft":
        return done.recent
          ? {
              to: `/customers/${done.recent.customerId}`,
              flash: { key: "lifecycle.monthly.alreadyCreated", vars: { name: done.recent.name } },
            }
          : { to: MONTHLY_STEP_PATHS.customer, flash: { key: "lifecycle.monthly.noDraft" } };
      case "created":
        return { to: `/customers/${done.customerId}`, flash: { key: "lifecycle.monthly.created", vars: { name: done.name } } };
    }
  });
}

export default function MonthlyConfirmStep({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { customer, products } = loaderData;
  const [form, fields] = useForm<MonthlyConfirmFields>({
    id: "monthly-confirm",
    lastResult: actionData?.reply,
    shouldValidate: "onSubmit",
  });
  const accept = fields.accept;
  const error = accept.errors?.[0];
  const hintId = `${accept.id}-hint`;
  const errorId = `${accept.id}-error`;
  const facts: [MessageKey, string][] = [
    ["lifecycle.companyName", customer.companyName],
    ["lifecycle.country", t(`lifecycle.country.${customer.country}`)],
    ["lifecycle.geography", t(`geography.${customer.dataGeography}`)],
    ["lifecycle.firstName", customer.firstName],
    ["lifecycle.lastName", customer.lastName],
    ["lifecycle.email", customer.email],
    ["lifecycle.phone", customer.phone || t("lifecycle.monthly.confirm.noPhone")],
  ];
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={(accept.errors ?? []).map((message) => ({ fieldId: accept.id, message }))} />
      <StepCaption step={3} />
      <h1 className="mb-6 text-3xl font-bold">{t("lifecycle.monthly.confirm.heading")}</h1>

      <section aria-labelledby="confirm-customer" className="mb-8">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h2 id="confirm-customer" className="text-2xl font-bold">
            {t("lifecycle.monthly.confirm.customer")}
          </h2>
          <Link to={MONTHLY_STEP_PATHS.customer}>
            {t("lifecycle.monthly.confirm.change")}
            <span className="sr-only"> {t("lifecycle.monthly.confirm.changeCustomer")}</span>
          </Link>
        </div>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr] sm:gap-y-2">
          {facts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-semibold">{t(label)}</dt>
              <dd className="mb-2 break-words sm:mb-0">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="confirm-licenses" className="mb-8">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h2 id="confirm-licenses" className="text-2xl font-bold">
            {t("lifecycle.monthly.confirm.licenses")}
          </h2>
          <Link to={MONTHLY_STEP_PATHS.licenses}>
            {t("lifecycle.monthly.confirm.change")}
            <span className="sr-only"> {t("lifecycle.monthly.confirm.changeLicenses")}</span>
          </Link>
        </div>
        <ul className="list-disc space-y-1 pl-6">
          {products.map((product) => (
            <li key={product.id}>
              {product.name} ({t(`category.${product.category}` as MessageKey)})
            </li>
          ))}
        </ul>
      </section>

      <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit}>
        <div className={error ? "border-l-4 border-red-700 pl-3" : ""}>
          {error ? (
            <span id={errorId} className="field-error mb-2">
              {error}
            </span>
          ) : null}
          <div className="flex items-start gap-3">
            <input
              id={accept.id}
              type="checkbox"
              name={accept.name}
              value="on"
              className="mt-0.5 h-6 w-6 shrink-0"
              aria-describedby={error ? `${hintId} ${errorId}` : hintId}
              aria-invalid={error ? true : undefined}
            />
            <span className="min-w-0">
              <label htmlFor={accept.id} className="font-semibold">
                {t("lifecycle.monthly.accept")}
              </label>
              <span id={hintId} className="hint">
                {t("lifecycle.monthly.accept.hint")}
              </span>
            </span>
          </div>
        </div>
        <StepButtons primary={t("lifecycle.monthly.create")} back />
      </Form>
    </div>
  );
}
