import type { Route } from "./+types/customers_.monthly";
import { data, redirect, Form, Link } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requirePartnerUser } from "~/services/authz.server";
import { readForm } from "~/services/request-body.server";
import { getLocale } from "~/services/preferences.server";
import { redirectWithFlash } from "~/services/outcome-response.server";
import { discardMonthlyDraft, getMonthlyDraft, saveMonthlyDraft } from "~/models/drafts.server";
import { MONTHLY_STEP_PATHS, newCustomerSchema, stepIntent, type NewCustomerFields } from "~/schemas/new-customer";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { createTranslator } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { CustomerFields, StepButtons, StepCaption, customerFieldErrors } from "~/components/form/NewCustomerForm";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = { messages: ["common", "errorSummary", "geography", "lifecycle"] } satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "lifecycle.monthly.customer.title");

/**
 * "Create monthly account" (F7), step 1 of 3: the customer and its contact,
 * as "Start trial" asks them. Super Admins of Partner Flex MSP partners only.
 * Each step is a page of its own, and what it takes is kept in the user's
 * draft on the server (docs/decisions/0013-monthly-account-draft.md), so the
 * page shows what was entered before, after a reload or a "Back".
 */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePartnerUser(request, { can: "customer.createMonthly" });
  const draft = getMonthlyDraft({ actor });
  return { values: draft?.customer ?? null };
}

/** "Continue": step 1's values into the draft, then step 2. "Cancel": the draft thrown away. */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "customer.createMonthly" });
  const form = await readForm(request);
  if (stepIntent(form.get("intent")) === "cancel") {
    discardMonthlyDraft({ actor });
    return redirectWithFlash(request, "/customers", { key: "lifecycle.monthly.cancelled" });
  }
  const t = createTranslator(await getLocale(request));
  const submission = parseWithZod(form, { schema: newCustomerSchema(t) });
  if (submission.status !== "success") {
    return data({ reply: submission.reply() }, { status: 400 });
  }
  saveMonthlyDraft({ actor, change: { customer: submission.value } });
  return redirect(MONTHLY_STEP_PATHS.licenses);
}

export default function MonthlyCustomerStep({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { values } = loaderData;
  const [form, fields] = useForm<NewCustomerFields>({
    id: "monthly-customer",
    lastResult: actionData?.reply,
    shouldValidate: "onSubmit",
    defaultValue: values ?? undefined,
  });
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={customerFieldErrors(fields)} />
      <p className="mb-4">
        <Link to="/customers">{t("lifecycle.backToList")}</Link>
      </p>
      <StepCaption step={1} />
      <h1 className="mb-4 text-3xl font-bold">{t("lifecycle.monthly.customer.heading")}</h1>
      <p className="mb-8">{t("lifecycle.monthly.customer.intro")}</p>
      <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit}>
        <CustomerFields fields={fields} />
        <StepButtons primary={t("lifecycle.monthly.continue")} back={false} />
      </Form>
    </div>
  );
}
