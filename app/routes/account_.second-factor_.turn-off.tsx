import type { Route } from "./+types/account_.second-factor_.turn-off";
import { data, redirect, Form, Link } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requireAccountHolder } from "~/services/authz.server";
import { turnOffSecondFactorWithProof } from "~/services/second-factor.server";
import { readForm } from "~/services/request-body.server";
import { redirectWithFlash } from "~/services/outcome-response.server";
import { getLocale } from "~/services/preferences.server";
import { hasSecondFactor } from "~/models/second-factors.server";
import { isSecondFactorRequired } from "~/models/team.server";
import { turnOffSecondFactorSchema, type TurnOffSecondFactorFields } from "~/schemas/second-factor";
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
export const handle = { messages: ["account", "errorSummary", "password", "secondFactor"] } satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "secondFactor.turnOff.button");

/** "Turn off second factor" (issue 20): the user's password and a code; not while its partner requires one. */
export async function loader({ request }: Route.LoaderArgs) {
  const { user, partnerId } = await requireAccountHolder(request);
  if (!hasSecondFactor(user.id)) throw redirect("/account");
  return { email: user.email, required: user.kind === "partner" && isSecondFactorRequired({ partnerId }) };
}

/** Deletes the second factor and its recovery codes, with the activity row, once password and code are right. */
export async function action({ request }: Route.ActionArgs) {
  const { user, partnerId } = await requireAccountHolder(request);
  const t = createI18n(await getLocale(request));
  const submission = parseWithZod(await readForm(request), { schema: turnOffSecondFactorSchema(t) });
  const hidden = { hideFields: ["password", "code"] };
  if (submission.status !== "success") return data({ reply: submission.reply(hidden) }, { status: 400 });
  const outcome = await turnOffSecondFactorWithProof({ user: { id: user.id, partnerId }, ...submission.value });
  const refuse = (reply: Parameters<typeof submission.reply>[0]) => data({ reply: submission.reply({ ...hidden, ...reply }) }, { status: 400 });
  switch (outcome.status) {
    case "off": {
      return redirectWithFlash(request, "/account", { key: "secondFactor.turnOff.done" });
    }
    case "notOn":
      throw redirect("/account");
    case "required":
      return refuse({ formErrors: [t("secondFactor.turnOff.required")] });
    case "throttled":
      return refuse({ formErrors: [t("password.throttled")] });
    case "wrongPassword":
      return refuse({ fieldErrors: { password: [t("password.current.wrong")] } });
    case "wrongCode":
      return refuse({ fieldErrors: { code: [t("secondFactor.code.wrong")] } });
  }
}

export default function TurnOffPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [form, fields] = useForm<TurnOffSecondFactorFields>({
    id: "turn-off-second-factor",
    lastResult: actionData?.reply,
    shouldValidate: "onSubmit",
  });
  const errors = summaryErrors(form.errors, [
    { id: fields.password.id, errors: fields.password.errors },
    { id: fields.code.id, errors: fields.code.errors },
  ]);
  useSecretFieldsEmptied(actionData, [fields.password.id, fields.code.id]);
  return (
    <div className="max-w-xl">
      <ErrorSummary errors={errors} />
      <h1 className="mb-4 text-3xl font-bold">{t("secondFactor.turnOff.button")}</h1>
      {loaderData.required ? (
        <p className="mb-6 border-l-4 border-slate-600 bg-slate-50 p-3">{t("secondFactor.turnOff.required")}</p>
      ) : (
        <>
          <p className="mb-6">{t("secondFactor.turnOff.intro")}</p>
          <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit}>
            <input type="email" name="username" value={loaderData.email} autoComplete="username" readOnly hidden />
            <Field
              id={fields.password.id}
              label={t("password.current.label")}
              errors={fields.password.errors ?? (form.errors?.length ? form.errors : undefined)}
              inputProps={{ name: fields.password.name, type: "password", autoComplete: "current-password" }}
            />
            <Field
              id={fields.code.id}
              label={t("secondFactor.code.label")}
              hint={t("secondFactor.code.hint")}
              errors={fields.code.errors}
              inputProps={{ name: fields.code.name, type: "text", autoComplete: "one-time-code", spellCheck: false }}
            />
            <SubmitButton>{t("secondFactor.turnOff.button")}</SubmitButton>
          </Form>
        </>
      )}
      <p className="mt-6">
        <Link to="/account">{t("account.back")}</Link>
      </p>
    </div>
  );
}
