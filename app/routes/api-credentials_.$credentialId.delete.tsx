import type { Route } from "./+types/api-credentials_.$credentialId.delete";
import { Form, Link } from "react-router";
import { requirePartnerUser } from "~/services/authz.server";
import { notFound } from "~/services/http.server";
import { readForm } from "~/services/request-body.server";
import { redirectWithFlash } from "~/services/outcome-response.server";
import { deleteCredential, getCredential } from "~/models/api-credentials.server";
import { SubmitButton } from "~/components/form/SubmitButton";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/catalog-url";
import { parseId } from "~/utils/params";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = {
  messages: ["apiCredentials", "common.cancel", "meta"],
} satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitle(matches, "apiCredentials.delete.title", { name: loaderData?.credential.name ?? "" }, { description: "meta.apiCredentials" });

/**
 * "Delete credential" asks first (STYLE.md §5: GET shows, POST does), and
 * says that every tool using it stops at once. Another partner's
 * credential, or one already deleted, is a 404.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePartnerUser(request, { can: "apiCredentials.manage" });
  const credentialId = parseId(params.credentialId);
  const credential = credentialId ? getCredential({ actor, credentialId }) : undefined;
  if (!credential) throw notFound();
  return { credential: { id: credential.id, name: credential.name } };
}

/** "Delete credential": marked deleted, its tokens gone at once; back to the list with a flash. */
export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "apiCredentials.manage" });
  const credentialId = parseId(params.credentialId);
  if (!credentialId) throw notFound();
  // The form has no fields, but it must be a form: anything else is a 400.
  await readForm(request);
  const credential = getCredential({ actor, credentialId });
  if (!credential || !deleteCredential({ actor, credentialId })) throw notFound();
  return redirectWithFlash(request, "/api-credentials", { key: "apiCredentials.deleted", vars: { name: credential.name } });
}

export default function DeleteCredentialPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { credential } = loaderData;
  return (
    <div className="max-w-2xl">
      <h1 className="mb-4 text-3xl font-bold [overflow-wrap:anywhere]">
        {t("apiCredentials.delete.heading", { name: credential.name })}
      </h1>
      <p className="mb-6 [overflow-wrap:anywhere]">{t("apiCredentials.delete.body", { name: credential.name })}</p>
      <Form method="post" className="flex flex-wrap items-center gap-4">
        <SubmitButton className="button border-red-800 bg-red-800 hover:border-red-950 hover:bg-red-950">
          {t("apiCredentials.delete")}
        </SubmitButton>
        <Link to="/api-credentials">{t("common.cancel")}</Link>
      </Form>
    </div>
  );
}
