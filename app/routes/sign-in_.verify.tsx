import type { Route } from "./+types/sign-in_.verify";
import { data, redirect, Form, Link } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { allowAnyone, homeFor, signInTarget } from "~/services/authz.server";
import { readForm } from "~/services/request-body.server";
import { getPendingSignIn, startSession } from "~/services/session.server";
import { verifySecondFactorCode } from "~/services/second-factor.server";
import { getLocale, setFlash } from "~/services/preferences.server";
import { verificationCodeSchema, type VerificationCodeFields } from "~/schemas/second-factor";
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
export const handle = { messages: ["errorSummary", "password", "secondFactor", "signIn"] } satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "signIn.verify.title");

/**
 * The sign-in's second step (issue 20): after a right password, a user with
 * a second factor gives a "Verification code" (or a recovery code) here.
 * Until then the browser holds a session that names no user, only the
 * pending sign-in (session.server.ts), so no page opens for it.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await allowAnyone(request);
  if (user) throw redirect(homeFor(user));
  if (!(await getPendingSignIn(request))) throw await startAgain(request);
  return null;
}

/**
 * Checks the code: a TOTP code never accepted before or an unused recovery
 * code (throttled per user). Right: the pending session is replaced by a
 * signed-in one (a new id) and the user goes where sign-in would have sent it.
 */
export async function action({ request }: Route.ActionArgs) {
  await allowAnyone(request);
  const pending = await getPendingSignIn(request);
  if (!pending) throw await startAgain(request);
  const t = createI18n(await getLocale(request));
  const submission = parseWithZod(await readForm(request), { schema: verificationCodeSchema(t) });
  if (submission.status !== "success") return data({ reply: submission.reply({ hideFields: ["code"] }) }, { status: 400 });
  const outcome = verifySecondFactorCode({ userId: pending.userId, code: submission.value.code });
  if (outcome.status === "noSecondFactor") {
    // Turned off or reset meanwhile: the password alone was the whole sign-in then, but it is asked again.
    throw await startAgain(request);
  }
  if (outcome.status === "throttled") {
    return data({ reply: submission.reply({ formErrors: [t("secondFactor.throttled")], hideFields: ["code"] }) }, { status: 400 });
  }
  if (outcome.status === "wrongCode") {
    return data({ reply: submission.reply({ fieldErrors: { code: [t("secondFactor.code.wrong")] }, hideFields: ["code"] }) }, { status: 400 });
  }
  const cookie = await startSession(request, pending.userId);
  return redirect(signInTarget(pending), { headers: { "Set-Cookie": cookie } });
}

/** Back to the password, saying why: no sign-in waits here (never begun, expired or ended). */
async function startAgain(request: Request): Promise<Response> {
  return redirect("/sign-in", { headers: { "Set-Cookie": await setFlash(request, { key: "signIn.verify.startAgain" }) } });
}

export default function VerifyPage({ actionData }: Route.ComponentProps) {
  const t = useT();
  const [form, fields] = useForm<VerificationCodeFields>({
    id: "verify",
    lastResult: actionData?.reply,
    shouldValidate: "onSubmit",
  });
  const errors = summaryErrors(form.errors, [{ id: fields.code.id, errors: fields.code.errors }]);
  useSecretFieldsEmptied(actionData, [fields.code.id]);
  return (
    <div className="max-w-xl">
      <ErrorSummary errors={errors} />
      <h1 className="mb-4 text-3xl font-bold">{t("signIn.verify.heading")}</h1>
      <p className="mb-6">{t("signIn.verify.intro")}</p>
      <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit}>
        <Field
          id={fields.code.id}
          label={t("secondFactor.code.label")}
          hint={t("secondFactor.code.hint")}
          errors={fields.code.errors ?? (form.errors?.length ? form.errors : undefined)}
          inputProps={{
            name: fields.code.name,
            type: "text",
            autoComplete: "one-time-code",
            spellCheck: false,
            autoCapitalize: "none",
          }}
        />
        <SubmitButton>{t("signIn.verify.submit")}</SubmitButton>
      </Form>
      <p className="mt-6">
        <Link to="/sign-in">{t("signIn.verify.otherAccount")}</Link>
      </p>
    </div>
  );
}
