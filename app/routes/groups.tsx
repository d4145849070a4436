import type { Route } from "./+types/groups";
import { data, Form, Link, Outlet, useActionData, type ShouldRevalidateFunction } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requirePartnerUser } from "~/services/authz.server";
import { readForm } from "~/services/request-body.server";
import { createGroup, listGroups, type GroupRow } from "~/models/groups.server";
import { getLocale } from "~/services/preferences.server";
import { redirectWithFlash } from "~/services/outcome-response.server";
import { groupNameSchema, sameGroupName, type GroupNameFields } from "~/schemas/group-name";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { Field } from "~/components/form/Field";
import { SubmitButton } from "~/components/form/SubmitButton";
import { summaryErrors } from "~/components/form/errors";
import { createTranslator } from "~/i18n/translate";
import type { MessageKey } from "~/i18n/messages";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { ColumnHeaders, useColumnNames } from "~/components/ui/ColumnHeaders";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The table's columns after its row header: its headers and each cell's data-label (ColumnHeaders.tsx). */
const GROUP_COLUMNS = [
  "groups.col.customers",
  "groups.col.actions",
] as const satisfies readonly MessageKey[];


/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = {
  messages: [ "customers", "errorSummary", "groups", "meta",
  ],
} satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "groups.title", undefined, { description: "meta.groups" });

/**
 * At a child's address (rename, delete) this route loads no list, so moving
 * between the list and a child loads it again: the router's default keeps
 * the data of the address before, and "Cancel" would come back to a page
 * with no list.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentParams, nextParams, defaultShouldRevalidate }) =>
  currentParams.groupId !== nextParams.groupId || defaultShouldRevalidate;

/**
 * The Groups page (F6), Super Admins only: the partner's groups with how many
 * customers each holds, and the form that creates one. Its children (rename,
 * delete) are pages of their own: at their addresses this route loads no
 * list and shows only them.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { partner } = await requirePartnerUser(request, { can: "groups.manage" });
  if (params.groupId !== undefined) return { groups: null };
  return { groups: listGroups({ partnerId: partner.id }) };
}

/** "Create group": a new group of the partner, then back to the list with a flash. */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "groups.manage" });
  const t = createTranslator(await getLocale(request));
  const submission = parseWithZod(await readForm(request), { schema: groupNameSchema(t) });
  if (submission.status !== "success") {
    return data({ reply: submission.reply() }, { status: 400 });
  }
  const { name } = submission.value;
  const outcome = createGroup({ actor, name });
  if (outcome.status === "duplicate") {
    // Named as the partner wrote it: "emea" clashes with EMEA.
    const existing = listGroups({ partnerId: actor.partner.id }).find((group) => sameGroupName(group.name, name));
    return data(
      { reply: submission.reply({ fieldErrors: { name: [t("groups.name.taken", { name: existing?.name ?? name })] } }) },
      { status: 400 },
    );
  }
  return redirectWithFlash(request, "/groups", { key: "groups.created", vars: { name: outcome.name } });
}

export default function GroupsPage({ loaderData }: Route.ComponentProps) {
  const { groups } = loaderData;
  if (!groups) return <Outlet />;
  // After a group is created (or deleted) the page comes back with another
  // list: a new form, empty and without the last errors. A form error changes
  // no group, so the form and what the user typed stay.
  return <GroupList key={groups.map((group) => group.id).join(",")} groups={groups} />;
}

function GroupList({ groups }: { groups: GroupRow[] }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<GroupNameFields>({
    id: "create-group",
    lastResult: actionData?.reply,
    shouldValidate: "onSubmit",
  });
  const errors = summaryErrors(form.errors, [{ id: fields.name.id, errors: fields.name.errors }]);
  return (
    <div className="max-w-3xl">
      <ErrorSummary errors={errors} />
      <h1 className="mb-4 text-3xl font-bold">{t("groups.heading")}</h1>
      <p className="mb-6">{t("groups.intro")}</p>
      {groups.length === 0 ? (
        <p className="mb-8 border-l-4 border-slate-500 bg-slate-50 p-4">{t("groups.empty")}</p>
      ) : (
        <GroupTable groups={groups} />
      )}
      <h2 className="mb-4 text-2xl font-bold">{t("groups.create.heading")}</h2>
      <Form method="post" id={form.id} noValidate onSubmit={form.onSubmit}>
        <Field
          id={fields.name.id}
          label={t("groups.name.label")}
          hint={t("groups.name.hint")}
          errors={fields.name.errors ?? form.errors}
          // Not keyed by Conform's field key: a remount when the reply arrives
          // would drop what the user typed meanwhile. Without JavaScript the
          // server renders the value sent back anyway.
          inputProps={{
            name: fields.name.name,
            type: "text",
            autoComplete: "off",
            defaultValue: fields.name.initialValue ?? "",
          }}
        />
        <SubmitButton>{t("groups.create.button")}</SubmitButton>
      </Form>
    </div>
  );
}

/**
 * One row per group, the actions as plain links (GOV.UK's "Change" links).
 * Below 64rem each group is a block of labelled lines, like every data table
 * (app/tailwind.css, .data-table; ColumnHeaders.tsx), and only a name too long
 * for the width breaks inside a word.
 */
function GroupTable({ groups }: { groups: GroupRow[] }) {
  const t = useT();
  const col = useColumnNames(GROUP_COLUMNS);
  // At least 24 px high, like the sort links of the customers table (WCAG 2.5.8).
  const linkClass = "inline-flex min-h-[1.5rem] items-center";
  return (
    <table className="data-table group-table mb-8 w-full border-collapse">
      <caption className="table-caption">{t("groups.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("groups.col.group")}</th>
          <ColumnHeaders columns={GROUP_COLUMNS} />
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <tr key={group.id}>
            <th scope="row" className="font-semibold [overflow-wrap:anywhere]">
              {group.name}
            </th>
            <td data-label={col[0]}>
              {/* The group's name, for screen readers only: "3 customers" alone means little in a list of links. */}
              <Link to={`/customers?group=${group.id}`} className={`${linkClass} lg:whitespace-nowrap`}>
                <span>
                  {t.plural("groups.customers", group.customerCount)}
                  <span className="sr-only"> {t("groups.customersIn", { name: group.name })}</span>
                </span>
              </Link>
            </td>
            <td data-label={col[1]}>
              <div className="inline-flex flex-wrap gap-x-4 gap-y-1 lg:flex-nowrap">
                <Link to={`/groups/${group.id}/rename`} className={linkClass}>
                  <span>
                    {t("groups.rename")}
                    <span className="sr-only"> {group.name}</span>
                  </span>
                </Link>
                <Link to={`/groups/${group.id}/delete`} className={linkClass}>
                  <span>
                    {t("groups.delete")}
                    <span className="sr-only"> {group.name}</span>
                  </span>
                </Link>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
