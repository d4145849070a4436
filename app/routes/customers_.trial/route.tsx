import type { Route } from "./+types/route";
import { data, Form, Link } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requirePartnerUser } from "~/services/authz.server";
import { readForm } from "~/services/request-body.server";
import { getLocale } from "~/services/preferences.server";
import { respondToOutcome } from "~/services/outcome-response.server";
import { startTrial } from "~/models/customer-creation.server";
import { TRIAL_DAYS, TRIAL_PRODUCTS, TRIAL_SEATS } from "~/domain/products";
import { startTrialSchema, type StartTrialFields } from "~/schemas/new-customer";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { SubmitButton } from "~/components/form/SubmitButton";
import { createTranslator } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { CustomerFields, ProductChoice, checkboxGroupErrors, customerFieldErrors } from "~/components/form/NewCustomerForm";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = { messages: ["common", "errorSummary", "geography", "lifecycle"] } satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "lifecycle.title");

/**
 * "Start trial" (F7), Super Admins only: a new customer of the partner with
 * a 30-day trial license of each chosen product, Partner Assistance on
 * because the partner started the trial. Then its details page, with a flash.
 */
export async function loader({ request }: Route.LoaderArgs) {
  await requirePartnerUser(request, { can: "customer.startTrial" });
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "customer.startTrial" });
  const t = createTranslator(await getLocale(request));
  const submission = parseWithZod(await readForm(request), { schema: startTrialSchema(t) });
  if (submission.status !== "success") {
    return data({ reply: submission.reply() }, { status: 400 });
  }
  const { products, ...values } = submission.value;
  const outcome = startTrial({ actor, values, productIds: products });
  // "already_created": the same form sent twice; the first trial is the one to show.
  return respondToOutcome(request, outcome, (started) => ({
    to: `/customers/${started.customerId}`,
    flash: { key: "lifecycle.trial.started", vars: { name: started.name } },
  }));
}

export default function StartTrialPage({ actionData }: Route.ComponentProps) {
  const t = useT();
  const [form, fields] = useForm<StartTrialFields>({
    id: "start-trial",
    lastResult: actionData?.reply,
    shouldValidate: "onSubmit",
  });
  const errors = [
    ...customerFieldErrors(fields),
    ...checkboxGroupErrors(fields.products, TRIAL_PRODUCTS[0]!.id),
  ];
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} />
      <p className="mb-4">
        <Link to="/customers">{t("lifecycle.backToList")}</Link>
      </p>
      <h1 className="mb-4 text-3xl font-bold">{t("lifecycle.trial.heading")}</h1>
      <p className="mb-8">{t("lifecycle.trial.intro", { seats: TRIAL_SEATS, days: TRIAL_DAYS })}</p>
      <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit}>
        <CustomerFields fields={fields} />
        <ProductChoice
          field={fields.products}
          legend={t("lifecycle.trial.products")}
          hint={t("lifecycle.trial.products.hint")}
          products={TRIAL_PRODUCTS}
        />
        <SubmitButton>{t("lifecycle.trial.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
