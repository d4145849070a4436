import type { Route } from "./+types/customers_.monthly_.licenses";
import { data, redirect, Form } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requirePartnerUser } from "~/services/authz.server";
import { readForm } from "~/services/request-body.server";
import { getLocale } from "~/services/preferences.server";
import { redirectWithFlash } from "~/services/outcome-response.server";
import { discardMonthlyDraft, firstUnfinishedStep, getMonthlyDraft, saveMonthlyDraft } from "~/models/drafts.server";
import { MONTHLY_PRODUCTS, productsInOrder } from "~/domain/products";
import { MONTHLY_STEP_PATHS, monthlyLicensesSchema, stepIntent, type MonthlyLicensesFields } from "~/schemas/new-customer";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { createTranslator } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { ProductChoice, StepButtons, StepCaption, checkboxGroupErrors } from "~/components/form/NewCustomerForm";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = { messages: ["common", "errorSummary", "geography", "lifecycle"] } satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "lifecycle.monthly.licenses.title");

/**
 * "Create monthly account", step 2 of 3: the products to bill monthly (the
 * catalogue's monthly ones), at least one. Without step 1 done, step 1.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePartnerUser(request, { can: "customer.createMonthly" });
  const draft = getMonthlyDraft({ actor });
  if (firstUnfinishedStep(draft) === "customer") throw redirect(MONTHLY_STEP_PATHS.customer);
  return { products: draft?.products ?? [] };
}

/**
 * "Continue": the choice into the draft, then step 3. "Back": the choice
 * (what is on the list of it) into the draft as it is, even none, then
 * step 1. "Cancel": the draft thrown away.
 */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "customer.createMonthly" });
  const form = await readForm(request);
  const intent = stepIntent(form.get("intent"));
  if (intent === "cancel") {
    discardMonthlyDraft({ actor });
    return redirectWithFlash(request, "/customers", { key: "lifecycle.monthly.cancelled" });
  }
  if (firstUnfinishedStep(getMonthlyDraft({ actor })) === "customer") return redirect(MONTHLY_STEP_PATHS.customer);
  if (intent === "back") {
    const chosen = form.getAll("products").filter((value): value is string => typeof value === "string");
    const products = productsInOrder(chosen).filter((product) => product.monthly).map((product) => product.id);
    saveMonthlyDraft({ actor, change: { products } });
    return redirect(MONTHLY_STEP_PATHS.customer);
  }
  const t = createTranslator(await getLocale(request));
  const submission = parseWithZod(form, { schema: monthlyLicensesSchema(t) });
  if (submission.status !== "success") {
    return data({ reply: submission.reply() }, { status: 400 });
  }
  saveMonthlyDraft({ actor, change: { products: submission.value.products } });
  return redirect(MONTHLY_STEP_PATHS.confirm);
}

export default function MonthlyLicensesStep({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { products } = loaderData;
  const [form, fields] = useForm<MonthlyLicensesFields>({
    id: "monthly-licenses",
    lastResult: actionData?.reply,
    shouldValidate: "onSubmit",
    defaultValue: { products },
  });
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={checkboxGroupErrors(fields.products, MONTHLY_PRODUCTS[0]!.id)} />
      <StepCaption step={2} />
      <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit}>
        <ProductChoice
          field={fields.products}
          legend={t("lifecycle.monthly.licenses.heading")}
          hint={t("lifecycle.monthly.licenses.hint")}
          products={MONTHLY_PRODUCTS}
          legendAsHeading
        />
        <StepButtons primary={t("lifecycle.monthly.continue")} back />
      </Form>
    </div>
  );
}
