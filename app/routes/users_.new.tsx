import type { Route } from "./+types/users_.new";
import { data, Form, Link } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requirePartnerUser } from "~/services/authz.server";
import { readForm } from "~/services/request-body.server";
import { getLocale } from "~/services/preferences.server";
import { redirectWithFlash } from "~/services/outcome-response.server";
import { customerAccessPicker } from "~/services/customer-access-picker.server";
import { inviteUser } from "~/models/team.server";
import { emailInUse } from "~/models/users.server";
import { addUserSchema, type AddUserFields } from "~/schemas/users";
import { readCustomerAccessDraft } from "~/schemas/customer-access";
import { ROLES } from "../../lib/enums";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { Field, SelectField } from "~/components/form/Field";
import { SubmitButton } from "~/components/form/SubmitButton";
import { summaryErrors } from "~/components/form/errors";
import { ACCESS_FIELD_ID, CustomerAccessPicker } from "~/components/ui/CustomerAccessPicker";
import { createTranslator } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = {
  messages: [
    "account", "errorSummary", "lifecycle", "meta", "picker", "team", "users",
  ],
} satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, "team.new.title", undefined, {
    description: "meta.usersNew",
  });

/** What the address holds of the form while customers are being chosen (the picker's GET buttons). */
function typedValues(params: URLSearchParams) {
  const text = (name: string, max: number) => (params.get(name) ?? "").slice(0, max);
  const role = params.get("role") ?? "";
  return {
    firstName: text("firstName", 200),
    lastName: text("lastName", 200),
    email: text("email", 300),
    role: (ROLES as readonly string[]).includes(role) ? role : "",
  };
}

/**
 * "Add user" (issue 20), Super Admins only: first and last name, email,
 * role, and for the three roles below Super Admin their customer access.
 * Choosing customers works without JavaScript: the picker's buttons bring
 * this page back with the whole form in the address (CustomerAccessPicker).
 */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePartnerUser(request, { can: "users.manage" });
  const params = new URL(request.url).searchParams;
  return {
    values: typedValues(params),
    picker: customerAccessPicker(actor, readCustomerAccessDraft(params)),
  };
}

/**
 * "Send invitation": the user is created as invited, with its access, an
 * invitation link good for 7 days and its mail (in the inviter's language),
 * in one transaction (models/team.server.ts, inviteUser); then its details.
 */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "users.manage" });
  const form = await readForm(request);
  const locale = await getLocale(request);
  const t = createTranslator(locale);
  const again = (reply: ReturnType<typeof submission.reply>) =>
    data(
      {
        reply,
        picker: customerAccessPicker(actor, readCustomerAccessDraft(form)),
      },
      { status: 400 },
    );
  const submission = parseWithZod(form, {
    schema: addUserSchema(t, { isEmailTaken: (email) => emailInUse(email) }),
  });
  if (submission.status !== "success") return again(submission.reply());
  const { firstName, lastName, email, role, customerAccess } = submission.value;
  const outcome = inviteUser({
    actor,
    firstName,
    lastName,
    email,
    role,
    access: customerAccess,
    locale,
  });
  switch (outcome.status) {
    case "emailTaken":
      // Taken between the check above and the write.
      return again(submission.reply({ fieldErrors: { email: [t("users.email.taken")] } }));
    case "invalidAccess":
      return again(
        submission.reply({
          fieldErrors: { access: [t("users.access.invalid")] },
        }),
      );
    case "invited": {
      return redirectWithFlash(request, `/users/${outcome.userId}`, { key: "team.invited", vars: { email } });
    }
  }
}

export default function AddUserPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const picker = actionData?.picker ?? loaderData.picker;
  const [form, fields] = useForm<AddUserFields>({
    id: "add-user",
    lastResult: actionData?.reply,
    shouldValidate: "onSubmit",
  });
  const initial = (name: "firstName" | "lastName" | "email" | "role") => {
    const sent = fields[name].initialValue;
    return typeof sent === "string" ? sent : loaderData.values[name];
  };
  const accessErrors = fields.access.errors;
  const errors = summaryErrors(form.errors, [
    { id: fields.firstName.id, errors: fields.firstName.errors },
    { id: fields.lastName.id, errors: fields.lastName.errors },
    { id: fields.email.id, errors: fields.email.errors },
    { id: fields.role.id, errors: fields.role.errors },
    { id: ACCESS_FIELD_ID, errors: accessErrors },
  ]);
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} />
      <p className="mb-4">
        <Link to="/users">{t("team.backToList")}</Link>
      </p>
      <h1 className="mb-4 text-3xl font-bold">{t("team.new.heading")}</h1>
      <p className="mb-6">{t("team.new.intro")}</p>
      <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit} preventScrollReset>
        <Field
          id={fields.firstName.id}
          label={t("users.firstName.label")}
          errors={fields.firstName.errors}
          inputProps={{
            name: fields.firstName.name,
            type: "text",
            autoComplete: "off",
            defaultValue: initial("firstName"),
          }}
        />
        <Field
          id={fields.lastName.id}
          label={t("users.lastName.label")}
          errors={fields.lastName.errors}
          inputProps={{
            name: fields.lastName.name,
            type: "text",
            autoComplete: "off",
            defaultValue: initial("lastName"),
          }}
        />
        <Field
          id={fields.email.id}
          label={t("users.email.label")}
          hint={t("team.email.hint")}
          errors={fields.email.errors}
          inputProps={{
            name: fields.email.name,
            type: "email",
            autoComplete: "off",
            spellCheck: false,
            defaultValue: initial("email"),
          }}
        />
        <SelectField
          id={fields.role.id}
          label={t("users.role.label")}
          hint={t("team.role.hint")}
          errors={fields.role.errors}
          placeholder={t("team.role.choose")}
          options={ROLES.map((role) => ({
            value: role,
            label: t(`role.${role}`),
          }))}
          selectProps={{
            name: fields.role.name,
            defaultValue: initial("role"),
          }}
        />
        <CustomerAccessPicker data={picker} pickerAction="/users/new" error={accessErrors?.[0]} hint={t("team.access.hint")} />
        <SubmitButton>{t("team.new.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
