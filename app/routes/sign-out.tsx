import type { Route } from "./+types/sign-out";
import { redirect, Form } from "react-router";
import { allowAnyone } from "~/services/authz.server";
import { endSession } from "~/services/session.server";
import { setFlash } from "~/services/preferences.server";
import { SubmitButton } from "~/components/form/SubmitButton";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = { messages: ["signIn", "signOut"] } satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "signOut.title");

/** GET never signs out (a link or prefetch must not end a session): it asks. */
export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await allowAnyone(request);
  if (!user) throw redirect("/sign-in");
  return null;
}

/** Deletes the session row, so the old cookie is worthless from now on. */
export async function action({ request }: Route.ActionArgs) {
  await allowAnyone(request);
  const headers = new Headers();
  headers.append("Set-Cookie", await endSession(request));
  headers.append("Set-Cookie", await setFlash(request, { key: "signIn.signedOut" }));
  return redirect("/sign-in", { headers });
}

export default function SignOutPage() {
  const t = useT();
  return (
    <div className="max-w-xl">
      <h1 className="mb-4 text-3xl font-bold">{t("signOut.heading")}</h1>
      <p className="mb-6">{t("signOut.prompt")}</p>
      <Form method="post" reloadDocument>
        <SubmitButton>{t("signOut.button")}</SubmitButton>
      </Form>
    </div>
  );
}
