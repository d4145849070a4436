import type { Route } from "./+types/sign-in";
import { data, redirect, Form, Link, useSearchParams } from "react-router";
import { useForm } from "@conform-to/react";
import { SECOND_FACTOR_SETUP_PATH, allowAnyone, homeFor, signInTarget } from "~/services/authz.server";
import { authenticateSignIn } from "~/services/auth.server";
import { requestClientAddress } from "~/services/request.server";
import { readForm, requestWithForm } from "~/services/request-body.server";
import { startPendingSignIn, startSession } from "~/services/session.server";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { Field } from "~/components/form/Field";
import { SubmitButton } from "~/components/form/SubmitButton";
import { summaryErrors } from "~/components/form/errors";
import { useT } from "~/utils/i18n-hooks";
import { useSecretFieldsEmptied } from "~/utils/secret-fields";
import { pageTitle } from "~/utils/meta";
import { safeRedirectPath } from "~/utils/redirect";
import type { SignInFields } from "~/schemas/sign-in";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = { messages: ["errorSummary", "meta", "reset", "signIn"] } satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, "signIn.title", undefined, { description: "meta.signIn" });

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await allowAnyone(request);
  if (user) throw redirect(homeFor(user));
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  await allowAnyone(request);
  // remix-auth-form reads the body itself: it is given the form as read
  // within the limits of every form (readForm).
  const form = await readForm(request);
  const result = await authenticateSignIn(requestWithForm(request, form), requestClientAddress(request, context));
  if (!result.ok) return data({ reply: result.reply }, { status: 400 });
  if (result.secondStep === "verify") {
    // Not signed in yet: the verification code comes first (issue 20), its
    // state held on the server in a session that names no user.
    const pending = await startPendingSignIn(request, { userId: result.userId, kind: result.kind, redirectTo: result.redirectTo });
    return redirect("/sign-in/verify", { headers: { "Set-Cookie": pending } });
  }
  const cookie = await startSession(request, result.userId);
  // A second factor to set up before anything else: the guard holds every other page (issue 20).
  const target = result.secondStep === "setUp" ? SECOND_FACTOR_SETUP_PATH : signInTarget(result);
  return redirect(target, { headers: { "Set-Cookie": cookie } });
}

export default function SignInPage({ actionData }: Route.ComponentProps) {
  const t = useT();
  const [searchParams] = useSearchParams();
  const redirectTo = safeRedirectPath(searchParams.get("redirectTo"), "");
  const [form, fields] = useForm<SignInFields>({
    id: "sign-in",
    lastResult: actionData?.reply,
    shouldValidate: "onSubmit",
  });
  const errors = summaryErrors(form.errors, [
    { id: fields.email.id, errors: fields.email.errors },
    { id: fields.password.id, errors: fields.password.errors },
  ]);
  useSecretFieldsEmptied(actionData, [fields.password.id]);
  return (
    <div className="max-w-xl">
      <ErrorSummary errors={errors} />
      <h1 className="mb-6 text-3xl font-bold">{t("signIn.heading")}</h1>
      <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit}>
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <Field
          id={fields.email.id}
          label={t("signIn.email")}
          errors={fields.email.errors ?? (form.errors?.length ? form.errors : undefined)}
          // Kept across the reply (not remounted); the password field below is
          // emptied after a failed attempt (useSecretFieldsEmptied above).
          inputProps={{
            name: fields.email.name,
            type: "email",
            autoComplete: "username",
            spellCheck: false,
            defaultValue: fields.email.initialValue ?? "",
          }}
        />
        <Field
          id={fields.password.id}
          label={t("signIn.password")}
          errors={fields.password.errors}
          inputProps={{
            key: fields.password.key,
            name: fields.password.name,
            type: "password",
            autoComplete: "current-password",
          }}
        />
        <SubmitButton>{t("signIn.submit")}</SubmitButton>
      </Form>
      <p className="mt-6">
        <Link to="/forgot-password">{t("reset.link")}</Link>
      </p>
    </div>
  );
}
