import type { Route } from "./+types/account";
import { data, redirect, Form, Link } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requireAccountHolder } from "~/services/authz.server";
import { readForm } from "~/services/request-body.server";
import { redirectWithFlash } from "~/services/outcome-response.server";
import { getLocale } from "~/services/preferences.server";
import { getOwnAccount, updateOwnName } from "~/models/users.server";
import { getSecondFactorStatus } from "~/models/second-factors.server";
import { isSecondFactorRequired } from "~/models/team.server";
import { accountNameSchema, type AccountNameFields } from "~/schemas/users";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { Field } from "~/components/form/Field";
import { SubmitButton } from "~/components/form/SubmitButton";
import { summaryErrors } from "~/components/form/errors";
import { createI18n, formatDate } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = {
  messages: [
    "account", "errorSummary", "lifecycle", "password", "secondFactor", "users",
  ],
} satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "account.title");

/**
 * "Your account" (issue 20): every partner user and customer admin sees its
 * own name (and changes it here), and reaches "Change password" and its
 * second factor: set it up, or turn it off.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const { user, partnerId } = await requireAccountHolder(request);
  const account = getOwnAccount(user.id);
  // getUserForSession found it active a moment ago; gone since: as if signed out.
  if (!account) throw redirect("/sign-in");
  return {
    email: account.email,
    firstName: account.firstName,
    lastName: account.lastName,
    secondFactor: getSecondFactorStatus(user.id),
    // The partner's setting binds its own users, not its customers' admins.
    secondFactorRequired: user.kind === "partner" && isSecondFactorRequired({ partnerId }),
  };
}

/** Saves the user's own first and last name (every page shows "first last"). */
export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireAccountHolder(request);
  const t = createI18n(await getLocale(request));
  const submission = parseWithZod(await readForm(request), { schema: accountNameSchema(t) });
  if (submission.status !== "success") return data({ reply: submission.reply() }, { status: 400 });
  updateOwnName({ userId: user.id, ...submission.value });
  return redirectWithFlash(request, "/account", { key: "account.name.updated" });
}

export default function AccountPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { email, secondFactor, secondFactorRequired } = loaderData;
  const [form, fields] = useForm<AccountNameFields>({
    id: "account-name",
    lastResult: actionData?.reply,
    shouldValidate: "onSubmit",
    defaultValue: { firstName: loaderData.firstName, lastName: loaderData.lastName },
  });
  const errors = summaryErrors(form.errors, [
    { id: fields.firstName.id, errors: fields.firstName.errors },
    { id: fields.lastName.id, errors: fields.lastName.errors },
  ]);
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} />
      <h1 className="mb-4 text-3xl font-bold">{t("account.heading")}</h1>
      <p className="mb-8 break-words">{t("account.email", { email })}</p>

      <section aria-labelledby="account-name-heading" className="mb-10">
        <h2 id="account-name-heading" className="mb-4 text-2xl font-bold">
          {t("account.name.heading")}
        </h2>
        <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit}>
          <Field
            id={fields.firstName.id}
            label={t("users.firstName.label")}
            errors={fields.firstName.errors}
            inputProps={{ name: fields.firstName.name, type: "text", autoComplete: "given-name", defaultValue: fields.firstName.initialValue ?? "" }}
          />
          <Field
            id={fields.lastName.id}
            label={t("users.lastName.label")}
            errors={fields.lastName.errors}
            inputProps={{ name: fields.lastName.name, type: "text", autoComplete: "family-name", defaultValue: fields.lastName.initialValue ?? "" }}
          />
          <SubmitButton>{t("account.name.save")}</SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="account-password-heading" className="mb-10">
        <h2 id="account-password-heading" className="mb-4 text-2xl font-bold">
          {t("password.label")}
        </h2>
        <p className="mb-4">{t("account.password.intro")}</p>
        <Link to="/account/password" className="button-secondary">
          {t("account.password.change")}
        </Link>
      </section>

      <section aria-labelledby="account-second-factor-heading" className="mb-10">
        <h2 id="account-second-factor-heading" className="mb-4 text-2xl font-bold">
          {t("account.secondFactor.heading")}
        </h2>
        {secondFactor.on ? (
          <>
            <p className="mb-2">{t("account.secondFactor.on", { date: formatDate(t.locale, secondFactor.enabledAt) })}</p>
            <p className="mb-4">{t.plural("account.secondFactor.codesLeft", secondFactor.recoveryCodesLeft)}</p>
            {secondFactorRequired ? (
              <p className="border-l-4 border-slate-600 bg-slate-50 p-3">{t("secondFactor.turnOff.required")}</p>
            ) : (
              <Link to="/account/second-factor/turn-off" className="button-secondary">
                {t("secondFactor.turnOff.button")}
              </Link>
            )}
          </>
        ) : (
          <>
            <p className="mb-4">{t("account.secondFactor.off")}</p>
            <Link to="/account/second-factor" className="button">
              {t("secondFactor.setUp.heading")}
            </Link>
          </>
        )}
      </section>
    </div>
  );
}
