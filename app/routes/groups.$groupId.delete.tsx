import type { Route } from "./+types/groups.$groupId.delete";
import { Form, Link, useLoaderData } from "react-router";
import { requirePartnerUser } from "~/services/authz.server";
import { notFound } from "~/services/http.server";
import { readForm } from "~/services/request-body.server";
import { deleteGroup, getGroup } from "~/models/groups.server";
import { respondToOutcome } from "~/services/outcome-response.server";
import { SubmitButton } from "~/components/form/SubmitButton";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { parseId } from "~/utils/params";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = { messages: ["common", "groups"] } satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitle(matches, "groups.delete.title", { name: loaderData?.group.name ?? "" });

/**
 * Deleting a group asks first (STYLE.md §5: GET shows, POST does), and says
 * how many customers are in it: none of them goes with it.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { partner } = await requirePartnerUser(request, { can: "groups.manage" });
  const groupId = parseId(params.groupId);
  const group = groupId ? getGroup({ partnerId: partner.id, groupId }) : undefined;
  if (!group) throw notFound();
  return { group };
}

/** "Delete group": the group goes, its customers stay; back to the groups with a flash. */
export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "groups.manage" });
  const groupId = parseId(params.groupId);
  if (!groupId) throw notFound();
  // The form has no fields, but it must be a form: anything else is a 400.
  await readForm(request);
  const outcome = deleteGroup({ actor, groupId });
  // Another partner's group, or one already deleted (a second click, a
  // second tab): there is nothing here to delete.
  return respondToOutcome(request, outcome, (deleted) => ({
    to: "/groups",
    flash: { key: "groups.deleted", vars: { name: deleted.name } },
  }));
}

export default function DeleteGroupPage() {
  const t = useT();
  const { group } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-2xl">
      <h1 className="mb-4 text-3xl font-bold [overflow-wrap:anywhere]">
        {t("groups.delete.heading", { name: group.name })}
      </h1>
      <p className="mb-6 [overflow-wrap:anywhere]">
        {group.customerCount === 0
          ? t("groups.delete.empty", { name: group.name })
          : t.plural("groups.delete.count", group.customerCount, { name: group.name })}
      </p>
      {group.designatedUserCount > 0 ? (
        <p className="mb-6 border-l-4 border-amber-700 bg-amber-50 p-3 [overflow-wrap:anywhere]">
          {t.plural("groups.delete.designations", group.designatedUserCount, { name: group.name })}
        </p>
      ) : null}
      <Form method="post" className="flex flex-wrap items-center gap-4">
        <SubmitButton className="button border-red-800 bg-red-800 hover:border-red-950 hover:bg-red-950">
          {t("groups.delete.button")}
        </SubmitButton>
        <Link to="/groups">{t("common.cancel")}</Link>
      </Form>
    </div>
  );
}
