import type { Route } from "./+types/invitation.$token";
import { data, redirect, Form, Link } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { allowAnyone } from "~/services/authz.server";
import { readForm } from "~/services/request-body.server";
import { getLocale, setFlash } from "~/services/preferences.server";
import { acceptInvitationWithPassword } from "~/services/account.server";
import { passwordWeakness } from "~/services/password-strength.server";
import { startSession } from "~/services/session.server";
import { findInvitation, type ClosedLink } from "~/models/account-links.server";
import { setPasswordSchema, type SetPasswordFields } from "~/schemas/passwords";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { Field } from "~/components/form/Field";
import { SubmitButton } from "~/components/form/SubmitButton";
import { summaryErrors } from "~/components/form/errors";
import { createTranslator, formatDate } from "~/i18n/translate";
import type { MessageKey } from "~/i18n/messages";
import { useT } from "~/utils/i18n-hooks";
import { useSecretFieldsEmptied } from "~/utils/secret-fields";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = {
  messages: [
    "errorSummary", "invitation", "lifecycle", "link", "meta", "password", "reset", "users",
  ],
} satisfies MessagesHandle;

/** A link's token is `selector.verifier` in base64url: anything much longer is no token. */
const TOKEN_MAX = 200;

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitle(matches, loaderData?.invitation ? "invitation.title" : "invitation.closed.title", undefined, {
    description: "meta.invitation",
  });

/** What the page says of a link that cannot be used: what happened, and what to do. */
const CLOSED_MESSAGES: Record<ClosedLink["status"], MessageKey> = {
  expired: "link.expired.invitation",
  used: "link.used.invitation",
  revoked: "link.revoked.invitation",
  not_found: "link.notFound",
};

function lookUp(token: string | undefined) {
  if (!token || token.length > TOKEN_MAX) return { status: "not_found" } as const;
  return findInvitation({ token });
}

/**
 * An invitation's link from its mail (issue 20): who invited this person to
 * which partner, and a form to set a password; or, for a link expired,
 * accepted, replaced or forged, what happened and what to do (never a 500).
 * Public: the link itself is the proof, checked in constant time
 * (models/account-links.server.ts).
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  await allowAnyone(request);
  const found = lookUp(params.token);
  // Said on the page, with the status a link that leads nowhere has: unknown (404) or gone (410).
  if (found.status !== "valid") return data({ invitation: null, closed: found.status }, { status: found.status === "not_found" ? 404 : 410 });
  return {
    invitation: {
      email: found.email,
      name: [found.firstName, found.lastName].filter(Boolean).join(" "),
      partnerName: found.partnerName,
      inviterName: found.inviterName,
      expiresAt: found.expiresAt,
    },
    closed: null,
  };
}

/**
 * "Accept invitation": the password's rules and strength (the invitee's
 * name, email and partner make it weak too), then the user is active, the
 * link spent, and the invitee signed in with a new session.
 */
export async function action({ request, params }: Route.ActionArgs) {
  await allowAnyone(request);
  const found = lookUp(params.token);
  if (found.status !== "valid") return data({ closed: found.status }, { status: 410 });
  const locale = await getLocale(request);
  const t = createTranslator(locale);
  const personal = [found.firstName, found.lastName, found.email, found.partnerName];
  const submission = parseWithZod(await readForm(request), {
    schema: setPasswordSchema(t, (password) => passwordWeakness(password, personal)),
  });
  if (submission.status !== "success") {
    return data({ reply: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const outcome = await acceptInvitationWithPassword({
    token: params.token ?? "",
    password: submission.value.password,
    locale,
  });
  // Used, replaced or expired since the form was shown.
  if (outcome.status !== "accepted") return data({ closed: outcome.status }, { status: 410 });
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(request, outcome.userId));
  headers.append(
    "Set-Cookie",
    await setFlash(request, {
      key: "invitation.accepted",
      vars: { partner: found.partnerName },
    }),
  );
  return redirect("/customers", { headers });
}

export default function InvitationPage({ loaderData, actionData }: Route.ComponentProps) {
  const closed = actionData && "closed" in actionData ? actionData.closed : loaderData.closed;
  if (closed || !loaderData.invitation) return <ClosedInvitation status={closed ?? "not_found"} />;
  return (
    <AcceptInvitation
      invitation={loaderData.invitation}
      reply={actionData && "reply" in actionData ? actionData.reply : undefined}
    />
  );
}

function AcceptInvitation({
  invitation,
  reply,
}: {
  invitation: NonNullable<Route.ComponentProps["loaderData"]["invitation"]>;
  reply: Parameters<typeof useForm<SetPasswordFields>>[0]["lastResult"];
}) {
  const t = useT();
  const [form, fields] = useForm<SetPasswordFields>({
    id: "accept-invitation",
    lastResult: reply,
    shouldValidate: "onSubmit",
  });
  const errors = summaryErrors(form.errors, [{ id: fields.password.id, errors: fields.password.errors }]);
  useSecretFieldsEmptied(reply, [fields.password.id]);
  return (
    <div className="max-w-xl">
      <ErrorSummary errors={errors} />
      <h1 className="mb-4 text-3xl font-bold">{t("invitation.heading", { partner: invitation.partnerName })}</h1>
      <p className="mb-2">
        {invitation.inviterName
          ? t("invitation.from", {
              inviter: invitation.inviterName,
              partner: invitation.partnerName,
            })
          : t("invitation.fromNobody", { partner: invitation.partnerName })}
      </p>
      <p className="mb-2">
        {t("invitation.you", {
          name: invitation.name,
          email: invitation.email,
        })}
      </p>
      <p className="mb-6">
        {t("invitation.expires", {
          date: formatDate(t.locale, invitation.expiresAt),
        })}
      </p>
      <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit}>
        {/* The account's name for password managers, which file the new password under it. */}
        <input type="hidden" name="username" autoComplete="username" value={invitation.email} />
        <Field
          id={fields.password.id}
          label={t("invitation.password.label")}
          hint={t("password.hint")}
          errors={fields.password.errors}
          inputProps={{
            key: fields.password.key,
            name: fields.password.name,
            type: "password",
            autoComplete: "new-password",
          }}
        />
        <SubmitButton>{t("invitation.accept")}</SubmitButton>
      </Form>
    </div>
  );
}

function ClosedInvitation({ status }: { status: ClosedLink["status"] }) {
  const t = useT();
  return (
    <div className="max-w-xl">
      <h1 className="mb-4 text-3xl font-bold">{t(`invitation.closed.${status}`)}</h1>
      <p className="mb-6">{t(CLOSED_MESSAGES[status])}</p>
      <p>
        <Link to="/sign-in">{t("invitation.signIn")}</Link>
      </p>
    </div>
  );
}
