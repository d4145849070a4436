import type { Route } from "./+types/customers.$customerId.name";
import { data, Form, useLocation, useRouteLoaderData, type ShouldRevalidateFunction } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requirePartnerUser } from "~/services/authz.server";
import { forbidden, notFound } from "~/services/http.server";
import { readForm } from "~/services/request-body.server";
import { getCustomerCard, getCustomerFacts } from "~/models/customer-details.server";
import { renameCustomer } from "~/models/customer-changes.server";
import { decide } from "~/domain/customer-policy";
import { now } from "~/utils/clock";
import { getLocale } from "~/services/preferences.server";
import { respondToOutcome } from "~/services/outcome-response.server";
import { renameSchema, type RenameFields } from "~/schemas/rename";
import { DialogOrPage } from "~/components/ui/DialogOrPage";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { Field } from "~/components/form/Field";
import { SubmitButton } from "~/components/form/SubmitButton";
import { summaryErrors } from "~/components/form/errors";
import { createTranslator } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { parseId } from "~/utils/params";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = { messages: ["common", "contact", "errorSummary", "rename"] } satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitle(matches, "rename.title", { name: loaderData?.card.name ?? "" });

/**
 * The card is loaded again after every answer to the form, an error's too:
 * after a conflict (409) the form needs the current version. React Router skips
 * loaders after an error status unless a route asks; the list under the
 * dialog is kept as it is (routes/customers.tsx), so the form stays a dialog.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  (formMethod !== undefined && formMethod !== "GET") || defaultShouldRevalidate;

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePartnerUser(request, { can: "customer.rename" });
  const customerId = parseId(params.customerId);
  const card = customerId ? getCustomerCard({ scope: actor.scope, customerId }) : undefined;
  const facts = customerId ? getCustomerFacts({ scope: actor.scope, customerId }) : undefined;
  if (!card || !facts) throw notFound();
  const decision = decide(actor, { kind: "rename" }, facts, now());
  if (!decision.allowed) throw forbidden(decision.reason);
  return { card };
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "customer.rename" });
  const customerId = parseId(params.customerId);
  if (!customerId) throw notFound();
  const t = createTranslator(await getLocale(request));
  const submission = parseWithZod(await readForm(request), { schema: renameSchema(t) });
  if (submission.status !== "success") {
    // A missing or tampered version is not the user's mistake to fix here:
    // the page shows the field errors and the current version again.
    return data({ reply: submission.reply() }, { status: 400 });
  }
  const outcome = renameCustomer({
    actor,
    customerId,
    displayName: submission.value.displayName,
    expectedVersion: submission.value.version,
  });
  if (outcome.status === "conflict") {
    return data(
      {
        reply: submission.reply({ formErrors: [t("rename.conflict", { current: outcome.current.name })] }),
        // Sent with the answer, so saving again at once (before the card is
        // loaded again) is not one more conflict.
        currentVersion: outcome.current.version,
      },
      { status: 409 },
    );
  }
  return respondToOutcome(request, outcome, (done) => ({
    to: `/customers${new URL(request.url).search}`,
    flash: { key: done.status === "renamed" ? "rename.saved" : "rename.unchanged", vars: { name: done.name } },
  }));
}

export default function RenamePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { card } = loaderData;
  const list = useRouteLoaderData("routes/customers") as { list: unknown } | undefined;
  const { search } = useLocation();
  const [form, fields] = useForm<RenameFields>({
    id: `rename-${card.id}`,
    lastResult: actionData?.reply,
    shouldValidate: "onSubmit",
    defaultValue: { displayName: card.displayName || card.legalName },
  });
  const errors = summaryErrors(form.errors, [{ id: fields.displayName.id, errors: fields.displayName.errors }]);
  const answered = actionData && "currentVersion" in actionData ? Number(actionData.currentVersion) : 0;
  const version = Math.max(card.version, answered);
  return (
    <DialogOrPage
      asDialog={Boolean(list?.list)}
      title={t("rename.heading")}
      backTo={`/customers${search}`}
      focusCustomerId={card.id}
    >
      <ErrorSummary errors={errors} />
      <p className="mb-4">{card.name}</p>
      <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit} preventScrollReset>
        {/* The version this form was read at; after a conflict, the current one (from the answer or the card loaded again). */}
        <input type="hidden" name="version" value={version} key={version} />
        <Field
          id={fields.displayName.id}
          label={t("rename.field")}
          hint={t("rename.hint")}
          errors={fields.displayName.errors ?? form.errors}
          // Not keyed by Conform's field key: a remount when the reply arrives
          // would drop what the user typed meanwhile. Without JavaScript the
          // server renders the value sent back anyway.
          inputProps={{
            name: fields.displayName.name,
            type: "text",
            autoComplete: "organization",
            defaultValue: fields.displayName.initialValue ?? "",
          }}
        />
        <SubmitButton>{t("common.save")}</SubmitButton>
      </Form>
    </DialogOrPage>
  );
}
