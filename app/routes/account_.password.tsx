import type { Route } from "./+types/account_.password";
import { data, Form, Link } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requireAccountHolder } from "~/services/authz.server";
import { changeOwnPassword } from "~/services/account.server";
import { passwordWeakness } from "~/services/password-strength.server";
import { readForm } from "~/services/request-body.server";
import { redirectWithFlash } from "~/services/outcome-response.server";
import { getLocale } from "~/services/preferences.server";
import { changePasswordSchema, type ChangePasswordFields } from "~/schemas/passwords";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { Field } from "~/components/form/Field";
import { SubmitButton } from "~/components/form/SubmitButton";
import { summaryErrors } from "~/components/form/errors";
import { createI18n } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { useSecretFieldsEmptied } from "~/utils/secret-fields";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = {
  messages: [
    "account", "errorSummary", "lifecycle", "password", "reset", "users",
  ],
} satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "account.password.title");

/** "Change password" (issue 20): any signed-in user, for its own account. */
export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireAccountHolder(request);
  return { email: user.email };
}

/**
 * Needs the current password (throttled per user); the new one follows the
 * rules and must not be common or easily guessed. Every other session of
 * the user ends; this one stays.
 */
export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireAccountHolder(request);
  const t = createI18n(await getLocale(request));
  const weakness = (password: string) => passwordWeakness(password, [user.name, user.email]);
  const submission = parseWithZod(await readForm(request), { schema: changePasswordSchema(t, weakness) });
  const hidden = { hideFields: ["currentPassword", "newPassword"] };
  if (submission.status !== "success") return data({ reply: submission.reply(hidden) }, { status: 400 });
  const outcome = await changeOwnPassword({
    request,
    userId: user.id,
    currentPassword: submission.value.currentPassword,
    newPassword: submission.value.newPassword,
  });
  if (outcome.status === "throttled") {
    return data({ reply: submission.reply({ ...hidden, formErrors: [t("password.throttled")] }) }, { status: 400 });
  }
  if (outcome.status === "wrongPassword") {
    return data({ reply: submission.reply({ ...hidden, fieldErrors: { currentPassword: [t("password.current.wrong")] } }) }, { status: 400 });
  }
  return redirectWithFlash(request, "/account", { key: "account.password.changed" });
}

export default function ChangePasswordPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [form, fields] = useForm<ChangePasswordFields>({
    id: "change-password",
    lastResult: actionData?.reply,
    shouldValidate: "onSubmit",
  });
  const errors = summaryErrors(form.errors, [
    { id: fields.currentPassword.id, errors: fields.currentPassword.errors },
    { id: fields.newPassword.id, errors: fields.newPassword.errors },
  ]);
  useSecretFieldsEmptied(actionData, [fields.currentPassword.id, fields.newPassword.id]);
  return (
    <div className="max-w-xl">
      <ErrorSummary errors={errors} />
      <h1 className="mb-4 text-3xl font-bold">{t("account.password.change")}</h1>
      <p className="mb-6">{t("account.password.changeIntro")}</p>
      <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit}>
        <input type="email" name="username" value={loaderData.email} autoComplete="username" readOnly hidden />
        <Field
          id={fields.currentPassword.id}
          label={t("password.current.label")}
          errors={fields.currentPassword.errors ?? (form.errors?.length ? form.errors : undefined)}
          inputProps={{ name: fields.currentPassword.name, type: "password", autoComplete: "current-password" }}
        />
        <Field
          id={fields.newPassword.id}
          label={t("password.new.label")}
          hint={t("password.hint")}
          errors={fields.newPassword.errors}
          inputProps={{ name: fields.newPassword.name, type: "password", autoComplete: "new-password" }}
        />
        <SubmitButton>{t("account.password.change")}</SubmitButton>
      </Form>
      <p className="mt-6">
        <Link to="/account">{t("account.back")}</Link>
      </p>
    </div>
  );
}
