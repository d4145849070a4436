import type { Route } from "./+types/groups.$groupId.rename";
import { data, Form, Link } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requirePartnerUser } from "~/services/authz.server";
import { notFound } from "~/services/http.server";
import { readForm } from "~/services/request-body.server";
import { getGroup, listGroups, renameGroup } from "~/models/groups.server";
import { getLocale } from "~/services/preferences.server";
import { respondToOutcome, type Answer } from "~/services/outcome-response.server";
import { groupNameSchema, sameGroupName, type GroupNameFields } from "~/schemas/group-name";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { Field } from "~/components/form/Field";
import { SubmitButton } from "~/components/form/SubmitButton";
import { summaryErrors } from "~/components/form/errors";
import { createTranslator } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { parseId } from "~/utils/params";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = { messages: ["common", "errorSummary", "groups"] } satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitle(matches, "groups.rename.title", { name: loaderData?.group.name ?? "" });

/** The rename form of one of the partner's groups; another partner's group, or no such group, is a 404. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { partner } = await requirePartnerUser(request, { can: "groups.manage" });
  const groupId = parseId(params.groupId);
  const group = groupId ? getGroup({ partnerId: partner.id, groupId }) : undefined;
  if (!group) throw notFound();
  return { group: { id: group.id, name: group.name } };
}

/** "Save": the group's new name, then back to the groups with a flash. */
export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "groups.manage" });
  const groupId = parseId(params.groupId);
  // Checked before the form is read: a group that is not the partner's gets
  // a 404 whatever was sent, never a form error that would confirm its id.
  const group = groupId ? getGroup({ partnerId: actor.partner.id, groupId }) : undefined;
  if (!groupId || !group) throw notFound();
  const t = createTranslator(await getLocale(request));
  const submission = parseWithZod(await readForm(request), { schema: groupNameSchema(t) });
  if (submission.status !== "success") {
    return data({ reply: submission.reply() }, { status: 400 });
  }
  const { name } = submission.value;
  const outcome = renameGroup({ actor, groupId, name });
  if (outcome.status === "duplicate") {
    // Named as the partner wrote it: "emea" clashes with EMEA.
    const existing = listGroups({ partnerId: actor.partner.id }).find(
      (other) => other.id !== groupId && sameGroupName(other.name, name),
    );
    return data(
      { reply: submission.reply({ fieldErrors: { name: [t("groups.name.taken", { name: existing?.name ?? name })] } }) },
      { status: 400 },
    );
  }
  // Not found: deleted since the check above.
  return respondToOutcome(request, outcome, (done): Answer => {
    if (done.status === "renamed") {
      return { to: "/groups", flash: { key: "groups.renamed", vars: { before: group.name, name: done.name } } };
    }
    return { to: "/groups", flash: { key: "groups.renameUnchanged", vars: { name: done.name } } };
  });
}

export default function RenameGroupPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { group } = loaderData;
  const [form, fields] = useForm<GroupNameFields>({
    id: `rename-group-${group.id}`,
    lastResult: actionData?.reply,
    shouldValidate: "onSubmit",
    defaultValue: { name: group.name },
  });
  const errors = summaryErrors(form.errors, [{ id: fields.name.id, errors: fields.name.errors }]);
  return (
    <div className="max-w-2xl">
      <ErrorSummary errors={errors} />
      <h1 className="mb-4 text-3xl font-bold">{t("groups.rename.heading")}</h1>
      <p className="mb-6 [overflow-wrap:anywhere]">{t("groups.rename.current", { name: group.name })}</p>
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
        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton>{t("common.save")}</SubmitButton>
          <Link to="/groups">{t("common.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}
