import type { Route } from "./+types/account_.second-factor";
import { data, redirect, Form, Link, type ShouldRevalidateFunction } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { homeFor, requireAccountHolder } from "~/services/authz.server";
import { beginSecondFactorSetup, confirmSecondFactorSetup } from "~/services/second-factor.server";
import { readForm } from "~/services/request-body.server";
import { getLocale } from "~/services/preferences.server";
import { isSecondFactorRequired } from "~/models/team.server";
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
export const handle = { messages: ["account", "errorSummary", "password", "secondFactor"] } satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "secondFactor.setUp.heading");

/**
 * Once the set-up is confirmed the page shows the recovery codes from the
 * action's answer, which no later request can give again: reloading the
 * loader then must not replace them (it would find the second factor on).
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult && typeof actionResult === "object" && "recoveryCodes" in actionResult ? false : defaultShouldRevalidate;

/**
 * "Set up a second factor" (issue 20): a QR code drawn on the server as SVG,
 * the same secret in groups of four and the otpauth:// address; confirmed by
 * one code. The one page a user whose set-up is due may open (the guard
 * holds every other), so it says why when it is due.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const { user, partnerId } = await requireAccountHolder(request, { duringSecondFactorSetUp: true });
  const view = await beginSecondFactorSetup({ user });
  const due = user.kind === "partner" && user.secondFactorSetupDue;
  return {
    // null: already on (turn it off first to set up another).
    view,
    why: !due ? null : isSecondFactorRequired({ partnerId }) ? ("required" as const) : ("reset" as const),
  };
}

/**
 * Confirms the set-up with one code; the answer carries the ten recovery
 * codes, shown this once (decision 0027: not a redirect, nothing to fetch
 * them again), with a form to download them as text.
 */
export async function action({ request }: Route.ActionArgs) {
  const { user, partnerId } = await requireAccountHolder(request, { duringSecondFactorSetUp: true });
  const t = createI18n(await getLocale(request));
  const submission = parseWithZod(await readForm(request), { schema: verificationCodeSchema(t) });
  if (submission.status !== "success") return data({ reply: submission.reply({ hideFields: ["code"] }) }, { status: 400 });
  const outcome = confirmSecondFactorSetup({ user: { id: user.id, partnerId }, code: submission.value.code });
  switch (outcome.status) {
    case "on":
      return {
        recoveryCodes: outcome.recoveryCodes,
        // After a set-up that was due, on to what the user came for.
        continueTo: user.kind === "partner" && user.secondFactorSetupDue ? homeFor(user) : "/account",
      };
    case "notBegun":
      // Already on (another tab), or never begun: the page shows which.
      throw redirect("/account/second-factor");
    case "throttled":
      return data({ reply: submission.reply({ formErrors: [t("secondFactor.throttled")], hideFields: ["code"] }) }, { status: 400 });
    case "wrongCode":
      return data({ reply: submission.reply({ fieldErrors: { code: [t("secondFactor.setUp.wrongCode")] }, hideFields: ["code"] }) }, { status: 400 });
  }
}

export default function SecondFactorSetUpPage({ loaderData, actionData }: Route.ComponentProps) {
  if (actionData && "recoveryCodes" in actionData) {
    return <RecoveryCodes codes={actionData.recoveryCodes} continueTo={actionData.continueTo} />;
  }
  if (!loaderData.view) return <AlreadyOn />;
  return <SetUpForm view={loaderData.view} why={loaderData.why} reply={actionData && "reply" in actionData ? actionData.reply : undefined} />;
}

type SetUpView = NonNullable<Route.ComponentProps["loaderData"]["view"]>;

function SetUpForm({
  view,
  why,
  reply,
}: {
  view: SetUpView;
  why: "required" | "reset" | null;
  reply: Parameters<typeof useForm<VerificationCodeFields>>[0]["lastResult"];
}) {
  const t = useT();
  const [form, fields] = useForm<VerificationCodeFields>({ id: "second-factor-setup", lastResult: reply, shouldValidate: "onSubmit" });
  const errors = summaryErrors(form.errors, [{ id: fields.code.id, errors: fields.code.errors }]);
  useSecretFieldsEmptied(reply, [fields.code.id]);
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} />
      <h1 className="mb-4 text-3xl font-bold">{t("secondFactor.setUp.heading")}</h1>
      {why ? (
        <p className="mb-6 border-l-4 border-blue-800 bg-blue-50 p-3 font-semibold">
          {t(why === "required" ? "secondFactor.required" : "secondFactor.setUp.reset")}
        </p>
      ) : null}
      <p className="mb-6">{t("secondFactor.setUp.intro")}</p>
      <ol className="mb-6 list-decimal space-y-6 pl-6">
        <li>
          <p className="mb-3">{t("secondFactor.setUp.scan")}</p>
          {/* Drawn on the server by qrcode (our own otpauth:// address): no script, no image request. */}
          <div
            role="img"
            aria-label={t("secondFactor.setUp.qrLabel")}
            className="w-48 max-w-full border border-slate-300 bg-white"
            dangerouslySetInnerHTML={{ __html: view.qrSvg }}
          />
        </li>
        <li>
          <p className="mb-2">{t("secondFactor.setUp.type")}</p>
          <p className="mb-1 font-semibold" id="secret-label">
            {t("secondFactor.setUp.secret")}
          </p>
          <p className="mb-3">
            <code aria-labelledby="secret-label" data-testid="totp-secret" className="break-words font-mono text-lg tracking-wide">
              {view.secretGrouped}
            </code>
          </p>
          <p className="mb-1 font-semibold">{t("secondFactor.setUp.address")}</p>
          <p>
            <code className="break-all font-mono text-sm">{view.uri}</code>
          </p>
        </li>
        <li>
          <p className="mb-3">{t("secondFactor.setUp.confirm")}</p>
          <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit}>
            <Field
              id={fields.code.id}
              label={t("secondFactor.code.label")}
              hint={t("secondFactor.setUp.codeHint")}
              errors={fields.code.errors ?? (form.errors?.length ? form.errors : undefined)}
              inputProps={{ name: fields.code.name, type: "text", inputMode: "numeric", autoComplete: "one-time-code", spellCheck: false }}
            />
            <SubmitButton>{t("secondFactor.setUp.submit")}</SubmitButton>
          </Form>
        </li>
      </ol>
    </div>
  );
}

/** The ten recovery codes, this once, with their download as a text file (a form post: nothing to fetch later). */
function RecoveryCodes({ codes, continueTo }: { codes: string[]; continueTo: string }) {
  const t = useT();
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 text-3xl font-bold">{t("secondFactor.codes.heading")}</h1>
      <p className="mb-4 border-l-8 border-green-800 bg-green-50 p-4 font-semibold text-green-950">{t("secondFactor.codes.on")}</p>
      <p className="mb-4">{t("secondFactor.codes.intro")}</p>
      <ol aria-label={t("secondFactor.codes.listLabel")} className="mb-6 grid list-decimal gap-1 pl-8 font-mono sm:grid-cols-2" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code} className="break-all">
            {code}
          </li>
        ))}
      </ol>
      <Form method="post" action="/account/second-factor/recovery-codes" reloadDocument className="mb-6">
        {codes.map((code) => (
          <input key={code} type="hidden" name="codes" value={code} />
        ))}
        <button type="submit" className="button-secondary">
          {t("secondFactor.codes.download")}
        </button>
      </Form>
      <Link to={continueTo} className="button">
        {t("secondFactor.codes.continue")}
      </Link>
    </div>
  );
}

function AlreadyOn() {
  const t = useT();
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 text-3xl font-bold">{t("secondFactor.setUp.heading")}</h1>
      <p className="mb-6">{t("secondFactor.setUp.alreadyOn")}</p>
      <Link to="/account">{t("account.back")}</Link>
    </div>
  );
}
