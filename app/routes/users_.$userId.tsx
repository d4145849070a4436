import type { Route } from "./+types/users_.$userId";
import { data, Form, Link } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requirePartnerUser } from "~/services/authz.server";
import { badRequest, notFound } from "~/services/http.server";
import { readForm } from "~/services/request-body.server";
import { redirectWithFlash } from "~/services/outcome-response.server";
import { getLocale, type Flash } from "~/services/preferences.server";
import { customerAccessPicker, draftOfAccess } from "~/services/customer-access-picker.server";
import {
  cancelInvitation,
  deactivateUser,
  getTeamMember,
  reactivateUser,
  resendInvitation,
  resetUserSecondFactor,
  updateTeamMember,
  type TeamMemberDetails,
} from "~/models/team.server";
import { decideUserChange, type UserChange, type UserRefusal } from "~/domain/user-policy";
import { userAccessSchema, type UserAccessFields } from "~/schemas/users";
import { isCustomerAccessDraft, readCustomerAccessDraft } from "~/schemas/customer-access";
import { ROLES, type Role } from "../../lib/enums";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { SelectField } from "~/components/form/Field";
import { SubmitButton } from "~/components/form/SubmitButton";
import { summaryErrors } from "~/components/form/errors";
import { ACCESS_FIELD_ID, CustomerAccessPicker } from "~/components/ui/CustomerAccessPicker";
import { accessSummary, statusText } from "~/components/ui/user-labels";
import { createTranslator, formatDate, type Translate } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { parseId } from "~/utils/params";
import { now } from "~/utils/clock";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = {
  messages: [
    "account", "errorSummary", "lifecycle", "meta", "picker", "team", "users",
  ],
} satisfies MessagesHandle;

/** The changes that ask "Are you sure?" on a page of their own (`?confirm=…`): GET shows, POST does. */
const CONFIRMABLE = ["deactivate", "cancelInvitation", "resetSecondFactor"] as const;
type Confirmable = (typeof CONFIRMABLE)[number];

const INTENTS = ["update", "resendInvitation", "cancelInvitation", "deactivate", "reactivate", "resetSecondFactor"] as const;
type Intent = (typeof INTENTS)[number];

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitle(
    matches,
    loaderData?.confirm ? `team.confirm.${loaderData.confirm}.title` : "team.details.title",
    { name: loaderData?.user.name ?? "" },
    { description: "meta.userDetails" },
  );

/** What the policy says of one change: allowed, or the reason (a message key) it is not. */
function decisionFor(actor: { user: { id: number } }, member: TeamMemberDetails, change: UserChange): UserRefusal | null {
  const decision = decideUserChange(actor.user.id, member.facts, change, member.team);
  return decision.allowed ? null : decision.reason;
}

/**
 * "User details" (issue 20), Super Admins only: one of the partner's users,
 * its role and customer access (a form with the customer-access picker,
 * whose choice so far the address may hold), and what may be done to it:
 * resend or cancel an invitation, deactivate or reactivate, reset a second
 * factor; or why not, in the policy's words. Another partner's user, a
 * customer admin or no such user: 404.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePartnerUser(request, { can: "users.manage" });
  const userId = parseId(params.userId);
  const member = userId ? getTeamMember({ actor, userId }) : undefined;
  if (!member) throw notFound();
  const search = new URL(request.url).searchParams;
  const draft = isCustomerAccessDraft(search);
  const role = search.get("role");
  const deactivate = decisionFor(actor, member, { kind: "deactivate" });
  const offers = {
    invitation: member.status === "invited",
    deactivate: member.status === "active" && deactivate === null,
    /** Why "Deactivate user" is not offered to an active user (oneself, the last Super Admin). */
    deactivateRefusal: member.status === "active" ? deactivate : null,
    reactivate: member.status === "deactivated",
    resetSecondFactor: decisionFor(actor, member, { kind: "resetSecondFactor" }) === null,
    changeAccess: member.status !== "deactivated",
    /** The role cannot leave Super Admin: said beside the role field. */
    roleLocked: decisionFor(actor, member, { kind: "changeRole", role: "admin" }) === "users.refused.lastSuperAdmin.role",
  };
  const asked = search.get("confirm");
  const confirm = (CONFIRMABLE as readonly string[]).includes(asked ?? "") ? (asked as Confirmable) : null;
  const confirmable =
    confirm === "deactivate"
      ? offers.deactivate
      : confirm === "cancelInvitation"
        ? offers.invitation
        : confirm === "resetSecondFactor"
          ? offers.resetSecondFactor
          : false;
  return {
    user: {
      id: member.id,
      name: member.name,
      email: member.email,
      role: member.role,
      status: member.status,
      invitationExpiresAt: member.invitationExpiresAt,
      access: member.access,
      groups: member.groups,
      customers: member.customers,
      secondFactor: member.secondFactor,
      secondFactorSetupRequired: member.secondFactorSetupRequired,
      lastSignInAt: member.lastSignInAt,
      invitedBy: member.invitedBy?.name ?? null,
      invitedAt: member.invitedAt,
      deactivatedAt: member.deactivatedAt,
      isSelf: member.id === actor.user.id,
    },
    offers,
    confirm: confirmable ? confirm : null,
    form: {
      role: draft && (ROLES as readonly string[]).includes(role ?? "") ? (role as Role) : member.role,
      picker: customerAccessPicker(
        actor,
        draft ? readCustomerAccessDraft(search) : draftOfAccess({ ...member, all: member.access.all }),
      ),
    },
    now: now(),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "users.manage" });
  const userId = parseId(params.userId);
  // Checked before the form is read: another partner's user is a 404 whatever was sent.
  const member = userId ? getTeamMember({ actor, userId }) : undefined;
  if (!userId || !member) throw notFound();
  const form = await readForm(request);
  const intent = form.get("intent");
  if (typeof intent !== "string" || !(INTENTS as readonly string[]).includes(intent)) {
    throw badRequest();
  }
  const locale = await getLocale(request);
  const t = createTranslator(locale);
  const back = `/users/${userId}`;
  const done = (flash: Flash, to = back) => redirectWithFlash(request, to, flash);
  const vars = { name: member.name };
  /** A refusal of the policy, said at the top of the page (the page may have been stale). */
  const refused = (reason: UserRefusal) => data({ refusal: t(reason, vars) }, { status: 409 });

  switch (intent as Intent) {
    case "update": {
      const submission = parseWithZod(form, { schema: userAccessSchema(t) });
      const again = (reply: ReturnType<typeof submission.reply>) =>
        data(
          {
            reply,
            picker: customerAccessPicker(actor, readCustomerAccessDraft(form)),
          },
          { status: 400 },
        );
      if (submission.status !== "success") return again(submission.reply());
      const { role, customerAccess } = submission.value;
      const outcome = updateTeamMember({
        actor,
        userId,
        role,
        access: customerAccess,
      });
      switch (outcome.status) {
        case "not_found":
          throw notFound();
        case "invalidAccess":
          return again(
            submission.reply({
              fieldErrors: { access: [t("users.access.invalid")] },
            }),
          );
        case "refused":
          return again(
            submission.reply(
              outcome.reason === "users.refused.lastSuperAdmin.role"
                ? { fieldErrors: { role: [t(outcome.reason, vars)] } }
                : { formErrors: [t(outcome.reason, vars)] },
            ),
          );
        case "updated":
          return done({
            key: outcome.roleChanged || outcome.accessChanged ? "team.updated" : "team.unchanged",
            vars,
          });
      }
      break;
    }
    case "resendInvitation": {
      const outcome = resendInvitation({ actor, userId, locale });
      if (outcome.status === "not_found") throw notFound();
      if (outcome.status === "refused") return refused(outcome.reason);
      return done({ key: "team.resent", vars: { email: member.email } });
    }
    case "cancelInvitation": {
      const outcome = cancelInvitation({ actor, userId });
      if (outcome.status === "not_found") throw notFound();
      if (outcome.status === "refused") return refused(outcome.reason);
      return done({ key: "team.cancelled", vars: { email: member.email } }, "/users");
    }
    case "deactivate":
    case "reactivate":
    case "resetSecondFactor": {
      const change = {
        deactivate: deactivateUser,
        reactivate: reactivateUser,
        resetSecondFactor: resetUserSecondFactor,
      }[intent as "deactivate"];
      const outcome = change({ actor, userId });
      if (outcome.status === "not_found") throw notFound();
      if (outcome.status === "refused") return refused(outcome.reason);
      const key = (
        {
          deactivate: "team.deactivated",
          reactivate: "team.reactivated",
          resetSecondFactor: "team.secondFactorReset",
        } as const
      )[intent as "deactivate"];
      return done({ key, vars });
    }
  }
  throw badRequest();
}

type PageData = Route.ComponentProps["loaderData"];

export default function UserDetailsPage({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.confirm) return <ConfirmChange data={loaderData} change={loaderData.confirm} />;
  return <UserDetails data={loaderData} actionData={actionData} />;
}

function UserDetails({ data: page, actionData }: { data: PageData; actionData: Route.ComponentProps["actionData"] }) {
  const t = useT();
  const { user, offers } = page;
  const reply = actionData && "reply" in actionData ? actionData.reply : undefined;
  const picker = actionData && "picker" in actionData ? actionData.picker : page.form.picker;
  const [form, fields] = useForm<UserAccessFields>({
    id: `user-access-${user.id}`,
    lastResult: reply,
    shouldValidate: "onSubmit",
  });
  const sentRole = fields.role.initialValue;
  const errors = [
    ...(actionData && "refusal" in actionData ? [{ message: actionData.refusal }] : []),
    ...summaryErrors(form.errors, [
      { id: fields.role.id, errors: fields.role.errors },
      { id: ACCESS_FIELD_ID, errors: fields.access.errors },
    ]),
  ];
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} />
      <p className="mb-4">
        <Link to="/users">{t("team.backToList")}</Link>
      </p>
      <h1 className="mb-4 text-3xl font-bold">{t("team.details.heading")}</h1>
      <dl className="mb-8 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{t("team.col.name")}</dt>
        <dd className="[overflow-wrap:anywhere]">{user.isSelf ? t("team.details.you", { name: user.name }) : user.name}</dd>
        <dt className="font-semibold">{t("team.col.email")}</dt>
        <dd className="[overflow-wrap:anywhere]">{user.email}</dd>
        <dt className="font-semibold">{t("team.col.role")}</dt>
        <dd>{t(`role.${user.role}`)}</dd>
        <dt className="font-semibold">{t("team.col.access")}</dt>
        <dd>
          {accessSummary(t, user.access)}
          {!user.access.all && user.groups.length + user.customers.length > 0 ? (
            <ul className="mt-1 list-disc pl-6">
              {user.groups.map((group) => (
                <li key={`g${group.id}`}>{t("team.details.group", { name: group.name })}</li>
              ))}
              {user.customers.map((customer) => (
                <li key={`c${customer.id}`}>{customer.name}</li>
              ))}
            </ul>
          ) : null}
        </dd>
        <dt className="font-semibold">{t("team.col.status")}</dt>
        <dd>
          {statusText(t, user, page.now)}
          {user.status === "deactivated" && user.deactivatedAt ? (
            <span className="block text-sm">
              {t("team.details.deactivatedOn", {
                date: formatDate(t.locale, user.deactivatedAt),
              })}
            </span>
          ) : null}
        </dd>
        <dt className="font-semibold">{t("team.col.secondFactor")}</dt>
        <dd>
          {t(user.secondFactor ? "users.secondFactor.on" : "users.secondFactor.off")}
          {user.secondFactorSetupRequired && !user.secondFactor ? (
            <span className="block text-sm">{t("team.details.setupRequired")}</span>
          ) : null}
        </dd>
        <dt className="font-semibold">{t("team.col.lastSignIn")}</dt>
        <dd>{user.lastSignInAt ? formatDate(t.locale, user.lastSignInAt) : t("team.lastSignIn.never")}</dd>
        {user.invitedAt ? (
          <>
            <dt className="font-semibold">{t("team.details.invited")}</dt>
            <dd>
              {user.invitedBy
                ? t("team.details.invitedBy", {
                    name: user.invitedBy,
                    date: formatDate(t.locale, user.invitedAt),
                  })
                : formatDate(t.locale, user.invitedAt)}
            </dd>
          </>
        ) : null}
      </dl>

      {offers.invitation ? (
        <section aria-labelledby="user-invitation" className="mb-8">
          <h2 id="user-invitation" className="mb-3 text-2xl font-bold">
            {t("team.invitation.heading")}
          </h2>
          <p className="mb-3">{t("team.invitation.text", { email: user.email })}</p>
          <div className="flex flex-wrap items-center gap-4">
            <Form method="post" preventScrollReset>
              <SubmitButton name="intent" value="resendInvitation" className="button-secondary">
                {t("team.invitation.resend")}
              </SubmitButton>
            </Form>
            <Link to={`/users/${user.id}?confirm=cancelInvitation`} className="button-secondary">
              {t("team.invitation.cancel")}
            </Link>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="user-access" className="mb-8">
        <h2 id="user-access" className="mb-3 text-2xl font-bold">
          {t("team.access.heading")}
        </h2>
        {offers.changeAccess ? (
          <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit} preventScrollReset>
            <SelectField
              id={fields.role.id}
              label={t("users.role.label")}
              hint={offers.roleLocked ? t("users.refused.lastSuperAdmin.role", { name: user.name }) : t("team.role.hint")}
              errors={fields.role.errors}
              placeholder={t("team.role.choose")}
              options={ROLES.map((role) => ({
                value: role,
                label: t(`role.${role}`),
              }))}
              selectProps={{
                name: fields.role.name,
                defaultValue: typeof sentRole === "string" ? sentRole : page.form.role,
              }}
            />
            <CustomerAccessPicker
              data={picker}
              pickerAction={`/users/${user.id}`}
              error={fields.access.errors?.[0]}
              hint={t("team.access.hint")}
            />
            <SubmitButton name="intent" value="update">
              {t("team.access.save")}
            </SubmitButton>
          </Form>
        ) : (
          <p>{t("users.refused.deactivated", { name: user.name })}</p>
        )}
      </section>

      {offers.deactivate || offers.deactivateRefusal || offers.reactivate || offers.resetSecondFactor ? (
        <section aria-labelledby="user-sign-in" className="mb-8">
          <h2 id="user-sign-in" className="mb-3 text-2xl font-bold">
            {t("team.signIn.heading")}
          </h2>
          <div className="space-y-4">
            {offers.deactivate ? (
              <div>
                <p className="mb-2">{t("team.deactivate.text")}</p>
                <Link to={`/users/${user.id}?confirm=deactivate`} className="button-secondary">
                  {t("team.deactivate.button")}
                </Link>
              </div>
            ) : offers.deactivateRefusal ? (
              <p className="border-l-4 border-slate-500 pl-3" data-testid="deactivate-refusal">
                {refusalText(t, offers.deactivateRefusal, user.name)}
              </p>
            ) : null}
            {offers.reactivate ? (
              <Form method="post" preventScrollReset>
                <p className="mb-2">{t("team.reactivate.text")}</p>
                <SubmitButton name="intent" value="reactivate" className="button-secondary">
                  {t("team.reactivate.button")}
                </SubmitButton>
              </Form>
            ) : null}
            {offers.resetSecondFactor ? (
              <div>
                <p className="mb-2">{t("team.resetSecondFactor.text")}</p>
                <Link to={`/users/${user.id}?confirm=resetSecondFactor`} className="button-secondary">
                  {t("team.resetSecondFactor.button")}
                </Link>
              </div>
            ) : null}
          </div>
        </section>
      ) : null}
    </div>
  );
}

/**
 * A refusal of the user policy in words. Written with the area's prefix, so
 * that the browser's messages for this page hold every refusal
 * (catalog-keys.server.ts reads the prefix), not only those named here.
 */
function refusalText(t: Translate, reason: UserRefusal, name: string): string {
  return t(`users.refused.${reason.slice("users.refused.".length)}` as UserRefusal, { name });
}

/** Words of each confirmation page: its question, what happens, and its button. */
const CONFIRM_WORDS = {
  deactivate: {
    body: "team.confirm.deactivate.body",
    button: "team.deactivate.button",
  },
  cancelInvitation: {
    body: "team.confirm.cancelInvitation.body",
    button: "team.invitation.cancel",
  },
  resetSecondFactor: {
    body: "team.confirm.resetSecondFactor.body",
    button: "team.resetSecondFactor.button",
  },
} as const;

/** "Are you sure?" for a change that cannot simply be taken back: the GET shows it, its button posts. */
function ConfirmChange({ data: page, change }: { data: PageData; change: Confirmable }) {
  const t: Translate = useT();
  const words = CONFIRM_WORDS[change];
  return (
    <div className="max-w-2xl">
      <h1 className="mb-4 text-3xl font-bold [overflow-wrap:anywhere]">
        {t(`team.confirm.${change}.title`, { name: page.user.name })}
      </h1>
      <p className="mb-6">{t(words.body, { name: page.user.name, email: page.user.email })}</p>
      <Form method="post" action={`/users/${page.user.id}`} className="flex flex-wrap items-center gap-4">
        <SubmitButton name="intent" value={change}>
          {t(words.button)}
        </SubmitButton>
        <Link to={`/users/${page.user.id}`}>{t("team.confirm.back")}</Link>
      </Form>
    </div>
  );
}
