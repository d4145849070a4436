import type { Route } from "./+types/api-credentials";
import { data, Form, Link, useActionData } from "react-router";
import { useEffect, useRef } from "react";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requirePartnerUser } from "~/services/authz.server";
import { readForm } from "~/services/request-body.server";
import { getLocale } from "~/services/preferences.server";
import { hashClientSecret, mintClientSecret } from "~/services/partner-api.server";
import { createCredential, listCredentials, newClientId, type CredentialRow } from "~/models/api-credentials.server";
import { listGroups } from "~/models/groups.server";
import { addCredentialSchema, type AddCredentialFields } from "~/schemas/api-credentials";
import { ROLES } from "../../lib/enums";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { Field } from "~/components/form/Field";
import { SubmitButton } from "~/components/form/SubmitButton";
import { createTranslator, formatDate } from "~/i18n/translate";
import type { MessageKey } from "~/i18n/messages";
import { ColumnHeaders } from "~/components/ui/ColumnHeaders";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { now as clockNow } from "~/utils/clock";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, "apiCredentials.title", undefined, { description: "meta.apiCredentials" });

/**
 * "API credentials" (issue 21), Super Admins only: the partner's Partner API
 * credentials (name, role, customer access, created, last used, expires),
 * and "Add credential". A new credential's client secret is shown once, in
 * the answer to the form that made it: it is never stored as such, never in
 * a cookie, and never shown again.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePartnerUser(request, { can: "apiCredentials.manage" });
  return {
    credentials: listCredentials({ actor }),
    groups: listGroups({ partnerId: actor.partner.id }).map((group) => ({ id: group.id, name: group.name })),
  };
}

/** "Add credential": the credential, then this page with its client id and secret, once. */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "apiCredentials.manage" });
  const t = createTranslator(await getLocale(request));
  const submission = parseWithZod(await readForm(request), { schema: addCredentialSchema(t, clockNow()) });
  if (submission.status !== "success") {
    return data({ reply: submission.reply(), created: null }, { status: 400 });
  }
  const { name, role, customerAccess, expiresAt } = submission.value;
  const secret = mintClientSecret();
  const clientId = newClientId();
  const outcome = createCredential({
    actor,
    name,
    role,
    access: customerAccess,
    expiresAt,
    clientId,
    secretHash: await hashClientSecret(secret),
  });
  if (outcome.status === "invalidAccess") {
    return data(
      { reply: submission.reply({ fieldErrors: { access: [t("apiCredentials.access.invalid")] } }), created: null },
      { status: 400 },
    );
  }
  // Not a redirect: the secret exists only in this answer (and is not kept anywhere to show again).
  return data(
    { reply: submission.reply({ resetForm: true }), created: { name, clientId, secret } },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function ApiCredentialsPage({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  // A new page after each credential added: its form empty, without the last errors.
  return <CredentialsPage key={actionData?.created?.clientId ?? "page"} {...loaderData} />;
}

function CredentialsPage({ credentials, groups }: Route.ComponentProps["loaderData"]) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const created = actionData?.created ?? null;
  const [form, fields] = useForm<AddCredentialFields>({
    id: "add-credential",
    lastResult: created ? undefined : actionData?.reply,
    shouldValidate: "onSubmit",
  });
  const errors = [
    ...(fields.name.errors ?? []).map((message) => ({ fieldId: fields.name.id, message })),
    ...(fields.role.errors ?? []).map((message) => ({ fieldId: `${fields.role.id}-${ROLES[0]}`, message })),
    ...(fields.access.errors ?? []).map((message) => ({ fieldId: `${fields.access.id}-all`, message })),
    ...(fields.expiresOn.errors ?? []).map((message) => ({ fieldId: fields.expiresOn.id, message })),
  ];
  return (
    <div className="max-w-4xl">
      <ErrorSummary errors={errors} />
      <h1 className="mb-4 text-3xl font-bold">{t("apiCredentials.heading")}</h1>
      {created ? <CreatedCredential created={created} /> : null}
      <p className="mb-6">{t("apiCredentials.intro")}</p>
      {credentials.length === 0 ? (
        <p className="mb-8 border-l-4 border-slate-500 bg-slate-50 p-4">{t("apiCredentials.empty")}</p>
      ) : (
        <CredentialTable credentials={credentials} />
      )}
      <AddCredentialForm form={form} fields={fields} groups={groups} />
    </div>
  );
}

/** The client id and secret of the credential just added: shown this once, focused when it appears. */
function CreatedCredential({ created }: { created: { name: string; clientId: string; secret: string } }) {
  const t = useT();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), [created.clientId]);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby="created-heading"
      className="mb-8 border-l-4 border-green-800 bg-green-50 p-4"
    >
      <h2 id="created-heading" className="mb-2 text-2xl font-bold [overflow-wrap:anywhere]">
        {t("apiCredentials.created.heading", { name: created.name })}
      </h2>
      <p className="mb-3 font-semibold">{t("apiCredentials.created.once")}</p>
      <dl className="grid gap-y-2">
        <dt className="font-semibold">{t("apiCredentials.created.clientId")}</dt>
        <dd>
          <code data-testid="client-id" className="break-all bg-white px-1">
            {created.clientId}
          </code>
        </dd>
        <dt className="font-semibold">{t("apiCredentials.created.secret")}</dt>
        <dd>
          <code data-testid="client-secret" className="break-all bg-white px-1">
            {created.secret}
          </code>
        </dd>
      </dl>
    </section>
  );
}

function accessSummary(t: ReturnType<typeof useT>, access: CredentialRow["access"]): string {
  if (access.all) return t("apiCredentials.access.summary.all");
  const parts = [];
  if (access.groups > 0) parts.push(t.plural("apiCredentials.access.summary.groups", access.groups));
  if (access.customers > 0) parts.push(t.plural("apiCredentials.access.summary.customers", access.customers));
  return parts.join(", ");
}

function CredentialTable({ credentials }: { credentials: CredentialRow[] }) {
  const t = useT();
  const date = (at: number | null, none: MessageKey) => (at === null ? t(none) : formatDate(t.locale, at));
  return (
    <table className="data-table credential-table mb-8 w-full border-collapse">
      <caption className="table-caption">{t("apiCredentials.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("apiCredentials.col.name")}</th>
          <ColumnHeaders table="credential-table" />
        </tr>
      </thead>
      <tbody>
        {credentials.map((credential) => (
          <tr key={credential.id}>
            <th scope="row" className="font-semibold [overflow-wrap:anywhere]">
              {credential.name}
            </th>
            <td>{t(`role.${credential.role}`)}</td>
            <td>{accessSummary(t, credential.access)}</td>
            <td>{formatDate(t.locale, credential.createdAt)}</td>
            <td>{date(credential.lastUsedAt, "apiCredentials.never")}</td>
            <td>
              {/* Stored as the first moment it no longer works: the day before is its last. */}
              {credential.expiresAt === null
                ? t("apiCredentials.noExpiry")
                : formatDate(t.locale, credential.expiresAt - 24 * 60 * 60 * 1000)}
            </td>
            <td>
              <Link to={`/api-credentials/${credential.id}/delete`} className="inline-flex min-h-[1.5rem] items-center">
                <span>
                  {t("apiCredentials.delete")}
                  <span className="sr-only"> {credential.name}</span>
                </span>
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type FormMeta = ReturnType<typeof useForm<AddCredentialFields>>;

function AddCredentialForm({ form, fields, groups }: { form: FormMeta[0]; fields: FormMeta[1]; groups: { id: number; name: string }[] }) {
  const t = useT();
  const roleError = fields.role.errors?.[0];
  const accessError = fields.access.errors?.[0];
  const chosenGroups = new Set(fields.groupIds.initialValue ? [fields.groupIds.initialValue].flat().map(String) : []);
  return (
    <section aria-labelledby="add-heading">
      <h2 id="add-heading" className="mb-4 text-2xl font-bold">
        {t("apiCredentials.add.heading")}
      </h2>
      <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit}>
        <Field
          id={fields.name.id}
          label={t("apiCredentials.name.label")}
          hint={t("apiCredentials.name.hint")}
          errors={fields.name.errors}
          inputProps={{ name: fields.name.name, type: "text", autoComplete: "off", defaultValue: fields.name.initialValue ?? "" }}
        />
        <div className={`mb-6 ${roleError ? "border-l-4 border-red-700 pl-3" : ""}`}>
          <fieldset aria-describedby={roleError ? `${fields.role.id}-error` : undefined}>
            <legend className="label mb-1">{t("apiCredentials.role.label")}</legend>
            {roleError ? (
              <span id={`${fields.role.id}-error`} className="field-error mb-1">
                {roleError}
              </span>
            ) : null}
            <ul className="space-y-2">
              {ROLES.map((role) => (
                <li key={role} className="flex items-center gap-3">
                  <input
                    id={`${fields.role.id}-${role}`}
                    type="radio"
                    name={fields.role.name}
                    value={role}
                    defaultChecked={fields.role.initialValue === role}
                    className="h-6 w-6 shrink-0"
                  />
                  <label htmlFor={`${fields.role.id}-${role}`}>{t(`role.${role}`)}</label>
                </li>
              ))}
            </ul>
          </fieldset>
        </div>
        <div className={`mb-6 ${accessError ? "border-l-4 border-red-700 pl-3" : ""}`}>
          <fieldset
            aria-describedby={[`${fields.access.id}-hint`, accessError ? `${fields.access.id}-error` : null].filter(Boolean).join(" ")}
          >
            <legend className="label mb-1">{t("apiCredentials.access.label")}</legend>
            <span id={`${fields.access.id}-hint`} className="hint mb-1">
              {t("apiCredentials.access.hint")}
            </span>
            {accessError ? (
              <span id={`${fields.access.id}-error`} className="field-error mb-1">
                {accessError}
              </span>
            ) : null}
            <ul className="space-y-2">
              {(["all", "chosen"] as const).map((choice) => (
                <li key={choice} className="flex items-center gap-3">
                  <input
                    id={`${fields.access.id}-${choice}`}
                    type="radio"
                    name={fields.access.name}
                    value={choice}
                    defaultChecked={fields.access.initialValue === choice}
                    className="h-6 w-6 shrink-0"
                  />
                  <label htmlFor={`${fields.access.id}-${choice}`}>{t(`apiCredentials.access.${choice}`)}</label>
                </li>
              ))}
            </ul>
            <fieldset className="ml-9 mt-3">
              <legend className="font-semibold">{t("apiCredentials.access.groups")}</legend>
              {groups.length === 0 ? (
                <p>{t("apiCredentials.access.noGroups")}</p>
              ) : (
                <ul className="mt-1 space-y-2">
                  {groups.map((group) => (
                    <li key={group.id} className="flex items-center gap-3">
                      <input
                        id={`${fields.groupIds.id}-${group.id}`}
                        type="checkbox"
                        name={fields.groupIds.name}
                        value={group.id}
                        defaultChecked={chosenGroups.has(String(group.id))}
                        className="h-6 w-6 shrink-0"
                      />
                      <label htmlFor={`${fields.groupIds.id}-${group.id}`} className="[overflow-wrap:anywhere]">
                        {group.name}
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </fieldset>
          </fieldset>
        </div>
        <Field
          id={fields.expiresOn.id}
          label={t("apiCredentials.expires.label")}
          hint={t("apiCredentials.expires.hint")}
          errors={fields.expiresOn.errors}
          inputProps={{ name: fields.expiresOn.name, type: "date", defaultValue: fields.expiresOn.initialValue ?? "" }}
        />
        <SubmitButton>{t("apiCredentials.add.button")}</SubmitButton>
      </Form>
    </section>
  );
}
