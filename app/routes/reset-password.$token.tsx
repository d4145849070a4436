import type { Route } from "./+types/reset-password.$token";
import { data, Form, Link } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { allowAnyone } from "~/services/authz.server";
import { resetPasswordWithToken } from "~/services/account.server";
import { passwordWeakness } from "~/services/password-strength.server";
import { readForm } from "~/services/request-body.server";
import { redirectWithFlash } from "~/services/outcome-response.server";
import { getLocale } from "~/services/preferences.server";
import { findPasswordReset, type ClosedLink } from "~/models/account-links.server";
import { setPasswordSchema, type SetPasswordFields } from "~/schemas/passwords";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { Field } from "~/components/form/Field";
import { SubmitButton } from "~/components/form/SubmitButton";
import { summaryErrors } from "~/components/form/errors";
import type { MessageKey } from "~/i18n/messages";
import { createI18n } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { useSecretFieldsEmptied } from "~/utils/secret-fields";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = {
  messages: [
    "errorSummary", "lifecycle", "link", "password", "reset", "users",
  ],
} satisfies MessagesHandle;

/** What the page says of a link that cannot be used: what happened, and what to do. */
const CLOSED_MESSAGE: Record<ClosedLink["status"], MessageKey> = {
  expired: "link.expired.reset",
  used: "link.used.reset",
  // A reset link is never revoked on its own (a newer one spends the older: "used").
  revoked: "link.used.reset",
  not_found: "link.notFound",
};

/** 410 for a link that worked once (expired, used), 404 for one that never did. */
const CLOSED_STATUS: Record<ClosedLink["status"], number> = { expired: 410, used: 410, revoked: 410, not_found: 404 };

export const meta: Route.MetaFunction = ({ matches, loaderData }) =>
  pageTitle(matches, loaderData && "closed" in loaderData ? "reset.closed.title" : "reset.set.title");

/** A link from a "Forgot your password?" mail: the new password's form, or why the link cannot be used. */
export async function loader({ request, params }: Route.LoaderArgs) {
  await allowAnyone(request);
  const link = findPasswordReset({ token: params.token });
  if (link.status !== "valid") return data({ closed: link.status }, { status: CLOSED_STATUS[link.status] });
  return { email: link.email };
}

/**
 * Sets the new password (the rules, then not common or easily guessed): the
 * link is spent and every session of the user ends, in one transaction; then
 * to sign-in with the new password.
 */
export async function action({ request, params }: Route.ActionArgs) {
  await allowAnyone(request);
  const link = findPasswordReset({ token: params.token });
  if (link.status !== "valid") return data({ closed: link.status }, { status: CLOSED_STATUS[link.status] });
  const t = createI18n(await getLocale(request));
  const weakness = (password: string) => passwordWeakness(password, [link.email]);
  const submission = parseWithZod(await readForm(request), { schema: setPasswordSchema(t, weakness) });
  if (submission.status !== "success") {
    return data({ reply: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const outcome = await resetPasswordWithToken({ token: params.token, password: submission.value.password });
  // Spent or expired between the check and now (a second tab): the page says so.
  if (outcome.status !== "reset") return data({ closed: outcome.status }, { status: CLOSED_STATUS[outcome.status] });
  return redirectWithFlash(request, "/sign-in", { key: "reset.done" });
}

export default function ResetPasswordPage({ loaderData, actionData }: Route.ComponentProps) {
  const closed = actionData && "closed" in actionData ? actionData.closed : "closed" in loaderData ? loaderData.closed : null;
  if (closed) return <ClosedLinkPage status={closed} />;
  const email = "email" in loaderData ? loaderData.email : "";
  return <NewPasswordForm email={email} reply={actionData && "reply" in actionData ? actionData.reply : undefined} />;
}

function NewPasswordForm({ email, reply }: { email: string; reply: Parameters<typeof useForm<SetPasswordFields>>[0]["lastResult"] }) {
  const t = useT();
  const [form, fields] = useForm<SetPasswordFields>({ id: "reset-password", lastResult: reply, shouldValidate: "onSubmit" });
  const errors = summaryErrors(form.errors, [{ id: fields.password.id, errors: fields.password.errors }]);
  useSecretFieldsEmptied(reply, [fields.password.id]);
  return (
    <div className="max-w-xl">
      <ErrorSummary errors={errors} />
      <h1 className="mb-4 text-3xl font-bold">{t("reset.set.heading")}</h1>
      <p className="mb-6">{t("reset.set.intro", { email })}</p>
      <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit}>
        {/* For password managers: whose password this is. */}
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        <Field
          id={fields.password.id}
          label={t("password.new.label")}
          hint={t("password.hint")}
          errors={fields.password.errors ?? (form.errors?.length ? form.errors : undefined)}
          inputProps={{ name: fields.password.name, type: "password", autoComplete: "new-password" }}
        />
        <SubmitButton>{t("reset.set.submit")}</SubmitButton>
      </Form>
    </div>
  );
}

function ClosedLinkPage({ status }: { status: ClosedLink["status"] }) {
  const t = useT();
  return (
    <div className="max-w-xl">
      <h1 className="mb-4 text-3xl font-bold">{t("reset.closed.heading")}</h1>
      <p className="mb-6">{t(CLOSED_MESSAGE[status])}</p>
      <p className="mb-4">
        <Link to="/forgot-password" className="button">
          {t("reset.closed.newLink")}
        </Link>
      </p>
      <p>
        <Link to="/sign-in">{t("reset.backToSignIn")}</Link>
      </p>
    </div>
  );
}
