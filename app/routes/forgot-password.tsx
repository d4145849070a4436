import type { Route } from "./+types/forgot-password";
import { data, Form, Link } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { allowAnyone } from "~/services/authz.server";
import { requestPasswordReset } from "~/services/account.server";
import { readForm } from "~/services/request-body.server";
import { redirectWithFlash } from "~/services/outcome-response.server";
import { requestClientAddress } from "~/services/request.server";
import { getLocale } from "~/services/preferences.server";
import { forgotPasswordSchema, type ForgotPasswordFields } from "~/schemas/passwords";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { Field } from "~/components/form/Field";
import { SubmitButton } from "~/components/form/SubmitButton";
import { summaryErrors } from "~/components/form/errors";
import { createI18n } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = {
  messages: [
    "errorSummary", "lifecycle", "password", "reset", "signIn", "users",
  ],
} satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "reset.request.title");

/** "Forgot your password?" (issue 20): anyone may ask; the page is the same signed in or not. */
export async function loader({ request }: Route.LoaderArgs) {
  await allowAnyone(request);
  return null;
}

/**
 * Queues a link valid 30 minutes for an active user's address, in the same
 * transaction as the reset row (models/account-links.server.ts), and
 * answers the same whether or not the address is anyone's. Throttled per
 * address typed and per client address, every request counting.
 */
export async function action({ request, context }: Route.ActionArgs) {
  await allowAnyone(request);
  const locale = await getLocale(request);
  const t = createI18n(locale);
  const submission = parseWithZod(await readForm(request), { schema: forgotPasswordSchema(t) });
  if (submission.status !== "success") return data({ reply: submission.reply() }, { status: 400 });
  const { email } = submission.value;
  const outcome = requestPasswordReset({ email, clientAddress: requestClientAddress(request, context), locale });
  if (outcome.status === "throttled") {
    // The same for a known and an unknown address: it tells nothing about the account.
    return data(
      { reply: submission.reply({ formErrors: [t.plural("reset.throttled", Math.max(1, Math.ceil(outcome.waitMs / 60_000)))] }) },
      { status: 400 },
    );
  }
  return redirectWithFlash(request, "/forgot-password", { key: "reset.sent", vars: { email } });
}

export default function ForgotPasswordPage({ actionData }: Route.ComponentProps) {
  const t = useT();
  const [form, fields] = useForm<ForgotPasswordFields>({
    id: "forgot-password",
    lastResult: actionData?.reply,
    shouldValidate: "onSubmit",
  });
  const errors = summaryErrors(form.errors, [{ id: fields.email.id, errors: fields.email.errors }]);
  return (
    <div className="max-w-xl">
      <ErrorSummary errors={errors} />
      <h1 className="mb-4 text-3xl font-bold">{t("reset.request.heading")}</h1>
      <p className="mb-6">{t("reset.request.intro")}</p>
      <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit}>
        <Field
          id={fields.email.id}
          label={t("signIn.email")}
          errors={fields.email.errors ?? (form.errors?.length ? form.errors : undefined)}
          inputProps={{
            name: fields.email.name,
            type: "email",
            autoComplete: "username",
            spellCheck: false,
            defaultValue: fields.email.initialValue ?? "",
          }}
        />
        <SubmitButton>{t("reset.request.submit")}</SubmitButton>
      </Form>
      <p className="mt-6">
        <Link to="/sign-in">{t("reset.backToSignIn")}</Link>
      </p>
    </div>
  );
}
