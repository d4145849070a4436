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
import { customerAccessPicker } from "~/services/customer-access-picker.server";
import { readCustomerAccessDraft, type CustomerAccessPickerData } from "~/schemas/customer-access";
import { ACCESS_FIELD_ID, CustomerAccessPicker } from "~/components/ui/CustomerAccessPicker";
import { addCredentialSchema, type AddCredentialFields } from "~/schemas/api-credentials";
import { ROLES } from "../../lib/enums";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { Field } from "~/components/form/Field";
import { SubmitButton } from "~/components/form/SubmitButton";
import { createTranslator, formatDate } from "~/i18n/translate";
import type { MessageKey } from "~/i18n/messages";
import { ColumnHeaders, useColumnNames } from "~/components/ui/ColumnHeaders";
import type { MessagesHandle } from "~/i18n/catalog-url";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { now as clockNow } from "~/utils/clock";

/** The table's columns after its row header: its headers and each cell's data-label (ColumnHeaders.tsx). */
const CREDENTIAL_COLUMNS = [
  "apiCredentials.col.role",
  "apiCredentials.col.access",
  "apiCredentials.col.created",
  "apiCredentials.col.lastUsed",
  "apiCredentials.col.expires",
  "apiCredentials.col.actions",
] as const satisfies readonly MessageKey[];


/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = {
  messages: ["apiCredentials", "errorSummary", "meta", "picker", "role", "users.access", "users.refused"],
} satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, "apiCredentials.title", undefined, { description: "meta.apiCredentials" });

/** What the address holds of the form while customers are being chosen (the picker's GET buttons). */
function typedValues(params: URLSearchParams) {
  const text = (name: string, max: number) => (params.get(name) ?? "").slice(0, max);
  const role = params.get("role") ?? "";
  return {
    name: text("name", 200),
    role: (ROLES as readonly string[]).includes(role) ? role : "",
    expiresOn: text("expiresOn", 10),
  };
}

/**
 * "API credentials" (issue 21), Super Admins only: the partner's Partner API
 * credentials (name, role, customer access, created, last used, expires),
 * and "Add credential". A new credential's client secret is shown once, in
 * the answer to the form that made it: it is never stored as such, never in
 * a cookie, and never shown again. Customer access is chosen with the
 * Users page's picker (CustomerAccessPicker), which works without
 * JavaScript by bringing this page back with the form in the address.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePartnerUser(request, { can: "apiCredentials.manage" });
  const params = new URL(request.url).searchParams;
  return {
    credentials: listCredentials({ actor }),
    values: typedValues(params),
    picker: customerAccessPicker(actor, readCustomerAccessDraft(params)),
  };
}

/** "Add credential": the credential, then this page with its client id and secret, once. */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "apiCredentials.manage" });
  const t = createTranslator(await getLocale(request));
  const form = await readForm(request);
  const again = (reply: ReturnType<typeof submission.reply>) =>
    data({ reply, created: null, picker: customerAccessPicker(actor, readCustomerAccessDraft(form)) }, { status: 400 });
  const submission = parseWithZod(form, { schema: addCredentialSchema(t, clockNow()) });
  if (submission.status !== "success") return again(submission.reply());
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
    return again(submission.reply({ fieldErrors: { access: [t("apiCredentials.access.invalid")] } }));
  }
  // Not a redirect: the secret exists only in this answer (and is not kept anywhere to show again).
  return data(
    { reply: submission.reply({ resetForm: true }), created: { name, clientId, secret }, picker: null },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function ApiCredentialsPage({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  // A new page after each credential added: its form empty, without the last errors.
  return <CredentialsPage key={actionData?.created?.clientId ?? "page"} {...loaderData} />;
}

function CredentialsPage({ credentials, values, picker: loaded }: Route.ComponentProps["loaderData"]) {
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
    ...(fields.access.errors ?? []).map((message) => ({ fieldId: ACCESS_FIELD_ID, message })),
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
      <AddCredentialForm
        form={form}
        fields={fields}
        // After a credential is added the form starts again: empty, no customer chosen.
        values={created ? { name: "", role: "", expiresOn: "" } : values}
        picker={actionData?.picker ?? loaded}
      />
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
  const col = useColumnNames(CREDENTIAL_COLUMNS);
  return (
    <table className="data-table credential-table mb-8 w-full border-collapse">
      <caption className="table-caption">{t("apiCredentials.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("apiCredentials.col.name")}</th>
          <ColumnHeaders columns={CREDENTIAL_COLUMNS} />
        </tr>
      </thead>
      <tbody>
        {credentials.map((credential) => (
          <tr key={credential.id}>
            <th scope="row" className="font-semibold [overflow-wrap:anywhere]">
              {credential.name}
            </th>
            <td data-label={col[0]}>{t(`role.${credential.role}`)}</td>
            <td data-label={col[1]}>{accessSummary(t, credential.access)}</td>
            <td data-label={col[2]}>{formatDate(t.locale, credential.createdAt)}</td>
            <td data-label={col[3]}>{date(credential.lastUsedAt, "apiCredentials.never")}</td>
            <td data-label={col[4]}>
              {/* Stored as the first moment it no longer works: the day before is its last. */}
              {credential.expiresAt === null
                ? t("apiCredentials.noExpiry")
                : formatDate(t.locale, credential.expiresAt - 24 * 60 * 60 * 1000)}
            </td>
            <td data-label={col[5]}>
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

function AddCredentialForm({
  form,
  fields,
  values,
  picker,
}: {
  form: FormMeta[0];
  fields: FormMeta[1];
  values: { name: string; role: string; expiresOn: string };
  picker: CustomerAccessPickerData;
}) {
  const t = useT();
  const roleError = fields.role.errors?.[0];
  const sent = (name: "name" | "role" | "expiresOn") => {
    const value = fields[name].initialValue;
    return typeof value === "string" ? value : values[name];
  };
  return (
    <section aria-labelledby="add-heading">
      <h2 id="add-heading" className="mb-4 text-2xl font-bold">
        {t("apiCredentials.add.heading")}
      </h2>
      <Form method="post" action="/api-credentials" id={form.id} noValidate onSubmit={form.onSubmit} preventScrollReset>
        <Field
          id={fields.name.id}
          label={t("apiCredentials.name.label")}
          hint={t("apiCredentials.name.hint")}
          errors={fields.name.errors}
          inputProps={{ name: fields.name.name, type: "text", autoComplete: "off", defaultValue: sent("name") }}
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
                    defaultChecked={sent("role") === role}
                    className="h-6 w-6 shrink-0"
                  />
                  <label htmlFor={`${fields.role.id}-${role}`}>{t(`role.${role}`)}</label>
                </li>
              ))}
            </ul>
          </fieldset>
        </div>
        <CustomerAccessPicker
          data={picker}
          pickerAction="/api-credentials"
          error={fields.access.errors?.[0]}
          hint={t("apiCredentials.access.hint")}
        />
        <Field
          id={fields.expiresOn.id}
          label={t("apiCredentials.expires.label")}
          hint={t("apiCredentials.expires.hint")}
          errors={fields.expiresOn.errors}
          inputProps={{ name: fields.expiresOn.name, type: "date", defaultValue: sent("expiresOn") }}
        />
        <SubmitButton>{t("apiCredentials.add.button")}</SubmitButton>
      </Form>
    </section>
  );
}
