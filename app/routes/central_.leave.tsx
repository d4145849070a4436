import type { Route } from "./+types/central_.leave";
import { redirect, Form, useLoaderData } from "react-router";
import { requirePartnerUser } from "~/services/authz.server";
import { getLaunchedCustomer, setLaunchedCustomer } from "~/services/session.server";
import { setFlash } from "~/services/preferences.server";
import { SubmitButton } from "~/components/form/SubmitButton";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = { messages: ["launch"] } satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "launch.leave.title");

/**
 * "Back to Partner Console" (F13): ends a partner user's launch into a
 * customer's Central Admin and goes back to that customer's details. It is
 * the partner user's own action, not the customer's console's, so any
 * partner user may take it (a Read-only one too: it changes only its own
 * session). GET never changes anything: it asks, as sign-out does, and
 * someone with nothing to leave is sent to the Customers page.
 */
export async function loader({ request }: Route.LoaderArgs) {
  await requirePartnerUser(request, { can: "customers.view" });
  const launched = await getLaunchedCustomer(request);
  if (!launched) throw redirect("/customers");
  return { customer: launched.name };
}

export async function action({ request }: Route.ActionArgs) {
  await requirePartnerUser(request, { can: "customers.view" });
  const launched = await getLaunchedCustomer(request);
  // A second click, or a second tab: nothing to end any more.
  if (!launched) return redirect("/customers");
  const headers = new Headers();
  headers.append("Set-Cookie", await setLaunchedCustomer(request, null));
  headers.append("Set-Cookie", await setFlash(request, { key: "launch.left", vars: { customer: launched.name } }));
  return redirect(`/customers/${launched.id}`, { headers });
}

export default function LeaveLaunchPage() {
  const t = useT();
  const { customer } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-xl">
      <h1 className="mb-4 text-3xl font-bold">{t("launch.leave.title")}</h1>
      <p className="mb-6 break-words">{t("launch.leave.prompt", { customer })}</p>
      <Form method="post">
        <SubmitButton>{t("launch.back")}</SubmitButton>
      </Form>
    </div>
  );
}
