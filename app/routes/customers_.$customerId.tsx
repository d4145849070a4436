import type { Route } from "./+types/customers_.$customerId";
import { data, Form, Link } from "react-router";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requirePartnerUser } from "~/services/authz.server";
import { badRequest, forbidden, notFound } from "~/services/http.server";
import { readForm } from "~/services/request-body.server";
import { getLocale } from "~/services/preferences.server";
import { redirectWithFlash, respondToOutcome } from "~/services/outcome-response.server";
import { getCustomerDetails, getCustomerFacts } from "~/models/customer-details.server";
import { changeCustomerGroup, changeEnrolment } from "~/models/customer-changes.server";
import { cancelScheduledUnlink } from "~/models/customer-lifecycle.server";
import { listGroupOptions } from "~/models/groups.server";
import { answerApprovalRequest, answerLaunch } from "~/services/assistance-answers.server";
import { decide, type Decision } from "~/domain/customer-policy";
import { assistanceState } from "~/domain/assistance";
import { describeLicense, trialDaysLeft } from "~/domain/license-status";
import { addToGroupSchema, customerDetailsIntentSchema, type AddToGroupFields } from "~/schemas/customer-details";
import { LicenseTable } from "~/components/ui/LicenseTable";
import { DollarIcon } from "~/components/ui/icons";
import { ErrorSummary } from "~/components/form/ErrorSummary";
import { SubmitButton } from "~/components/form/SubmitButton";
import { SelectField } from "~/components/form/Field";
import { summaryErrors } from "~/components/form/errors";
import { assistanceLabel, billingLabel } from "~/components/ui/customer-labels";
import { createTranslator, formatDate } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { parseId } from "~/utils/params";
import { now } from "~/utils/clock";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = {
  messages: [
    "accountChanges.cancel", "approval", "common", "customers", "details", "errorSummary",
    "geography", "groups", "launch", "licenseStatus", "licenseType", "meta", "partnerAssistance",
  ],
} satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitle(matches, "details.title", { name: loaderData?.customer.name ?? "" }, { description: "meta.details" });

/**
 * The customer details page (F5): the customer's account, its groups (a
 * Super Admin adds and removes them here), its licenses, and the early access
 * programs with its enrolment (F11). Outside the user's scope: 404, as the
 * contact card. What the user may do comes from the customer policy.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePartnerUser(request, { can: "customers.view" });
  const customerId = parseId(params.customerId);
  const details = customerId ? getCustomerDetails({ scope: actor.scope, customerId }) : undefined;
  if (!details) throw notFound();
  const at = now();
  const { facts } = details;
  const canChangeGroups = decide(actor, { kind: "changeGroups" }, facts, at).allowed;
  // F9: a scheduled unlink can be taken back until it completes.
  const canCancelUnlink =
    facts.linkState === "unlink_scheduled" && decide(actor, { kind: "cancelUnlink" }, facts, at).allowed;
  // F12, F13: "Request approval" and "Launch customer", or why not.
  const requestDecision = decide(actor, { kind: "requestApproval" }, facts, at);
  const launchDecision = decide(actor, { kind: "launch" }, facts, at);
  const memberOf = new Set(details.groups.map((group) => group.id));
  return {
    customer: {
      id: details.id,
      name: details.name,
      legalName: details.legalName,
      billingType: details.billingType,
      trialDaysLeft: trialDaysLeft(details, at),
      managedOrder: details.managedOrder,
      dataGeography: details.dataGeography,
      // F10: a managed customer order always has Partner Assistance.
      assistance: details.managedOrder
        ? ({ state: "on" } as const)
        : assistanceState(facts.partnerAssistance, facts.latestRequest, at),
      assistanceReason: details.managedOrder ? "managed_order" : details.partnerAssistanceReason,
      unlinkScheduledFor: details.unlinkScheduledFor,
    },
    groups: details.groups,
    groupOptions: canChangeGroups
      ? listGroupOptions({ scope: actor.scope }).filter((group) => !memberOf.has(group.id))
      : [],
    canChangeGroups,
    canCancelUnlink,
    assistanceOffer: {
      canRequest: requestDecision.allowed,
      /** A request waits for the customer's answer until then (shown to those who may request). */
      pendingUntil:
        !requestDecision.allowed && requestDecision.reason === "request.pending" ? (requestDecision.from ?? null) : null,
      launch: launchDecision.allowed ? { readOnly: launchDecision.readOnly === true } : null,
      /** Why there is no "Launch customer" (what the customer must do), unless the role may not. */
      launchRefusal: !launchDecision.allowed && launchDecision.reason !== "role" ? launchDecision.reason : null,
    },
    licenses: details.licenses.map((license) => describeLicense(license, at)),
    programs: details.programs.map((program) => {
      const facts_ = { acceptsFlex: program.acceptsFlex, enrolled: program.enrolled };
      const kind = program.enrolled ? "leaveProgram" : "joinProgram";
      return {
        id: program.id,
        name: program.name,
        description: program.description,
        acceptsFlex: program.acceptsFlex,
        enrolled: program.enrolled,
        /** The button offered ("join" or "leave"), or why not when the role could act. */
        offer: offerOf(decide(actor, { kind, program: facts_ }, facts, at), program.enrolled ? "leave" : "join"),
      };
    }),
  };
}

/** What a page offers for one decision: the button, the reason it is absent, or nothing (the role may not). */
function offerOf(decision: Decision, action: "join" | "leave") {
  if (decision.allowed) return { action } as const;
  if (decision.reason === "role") return null;
  return { reason: decision.reason } as const;
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "customers.view" });
  const customerId = parseId(params.customerId);
  if (!customerId) throw notFound();
  const form = await readForm(request);
  const intent = customerDetailsIntentSchema.safeParse(form.get("intent"));
  if (!intent.success) throw badRequest();
  const back = `/customers/${customerId}`;

  switch (intent.data) {
    case "addGroup":
    case "removeGroup": {
      // Whether this user may change this customer's groups at all comes
      // before what the form says: only then is a missing choice worth a message.
      const facts = getCustomerFacts({ scope: actor.scope, customerId });
      if (!facts) throw notFound();
      const decision = decide(actor, { kind: "changeGroups" }, facts, now());
      if (!decision.allowed) throw forbidden(decision.reason, decision.from);
      let groupId: number | null;
      if (intent.data === "addGroup") {
        const t = createTranslator(await getLocale(request));
        const submission = parseWithZod(form, { schema: addToGroupSchema(t) });
        if (submission.status !== "success") return data({ reply: submission.reply() }, { status: 400 });
        groupId = submission.value.groupId;
      } else {
        groupId = parseId(String(form.get("groupId") ?? ""));
        if (!groupId) throw notFound();
      }
      const outcome = changeCustomerGroup({
        actor,
        customerId,
        groupId,
        change: intent.data === "addGroup" ? "add" : "remove",
      });
      return respondToOutcome(request, outcome, (done) => {
        const key = (
          {
            added: "details.groupAdded",
            removed: "details.groupRemoved",
            already_member: "details.groupAlreadyMember",
            not_member: "details.groupNotMember",
          } as const
        )[done.status];
        return { to: back, flash: { key, vars: { customer: done.customerName, group: done.groupName } } };
      });
    }
    case "join":
    case "leave": {
      const programId = parseId(String(form.get("programId") ?? ""));
      if (!programId) throw notFound();
      const outcome = changeEnrolment({ actor, customerId, programId, change: intent.data });
      // Joining twice, or leaving twice (a double submit, a second tab): say so, change nothing.
      if (outcome.status === "refused" && (outcome.reason === "earlyAccess.alreadyEnrolled" || outcome.reason === "earlyAccess.notEnrolled")) {
        const key = outcome.reason === "earlyAccess.alreadyEnrolled" ? "details.alreadyEnrolled" : "details.notEnrolled";
        return redirectWithFlash(request, back, { key, vars: { customer: outcome.name, program: outcome.programName } });
      }
      return respondToOutcome(request, outcome, (done) => ({
        to: back,
        flash: {
          key: done.status === "joined" ? "details.joined" : "details.left",
          vars: { customer: done.customerName, program: done.programName },
        },
      }));
    }
    case "requestApproval":
      return answerApprovalRequest(request, actor, customerId, back);
    case "launch":
      return answerLaunch(request, actor, customerId);
    case "cancelUnlink":
      return respondToOutcome(request, cancelScheduledUnlink({ actor, customerId }), (done) => ({
        to: back,
        flash:
          done.status === "cancelled"
            ? { key: "accountChanges.cancel.done", vars: { customer: done.name } }
            : // A second click, or a second tab: nothing is scheduled any more; say so, change nothing.
              { key: "accountChanges.cancel.notScheduled", vars: { customer: done.name } },
      }));
  }
  throw badRequest();
}

export default function CustomerDetailsPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { customer, groups, groupOptions, canChangeGroups, canCancelUnlink, assistanceOffer, licenses, programs } = loaderData;
  const [form, fields] = useForm<AddToGroupFields>({
    id: `add-group-${customer.id}`,
    lastResult: actionData && "reply" in actionData ? actionData.reply : undefined,
    shouldValidate: "onSubmit",
  });
  const groupField = { id: fields.groupId.id, name: fields.groupId.name, errors: fields.groupId.errors };
  return (
    <>
      <ErrorSummary errors={summaryErrors(form.errors, [groupField])} />
      <p className="mb-4">
        <Link to="/customers">{t("details.backToList")}</Link>
      </p>
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-700">{t("details.eyebrow")}</p>
      <h1 className="mb-6 break-words text-3xl font-bold">{customer.name}</h1>

      <section aria-labelledby="details-summary" className="mb-8">
        <h2 id="details-summary" className="sr-only">
          {t("details.summary")}
        </h2>
        {customer.managedOrder ? (
          <p className="mb-4 flex items-start gap-2 border-l-4 border-green-800 bg-green-50 p-3">
            <DollarIcon label={t("customers.managedOrder")} className="icon mt-0.5 h-5 w-5 shrink-0 text-green-900" />
            <span>{t("details.managedOrderText")}</span>
          </p>
        ) : null}
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">{t("details.legalName")}</dt>
          <dd className="break-words">{customer.legalName}</dd>
          <dt className="font-semibold">{t("details.billing")}</dt>
          <dd>{billingLabel(t, customer)}</dd>
          <dt className="font-semibold">{t("details.geography")}</dt>
          <dd>{t(`geography.${customer.dataGeography}` as "geography.US")}</dd>
          <dt className="font-semibold">{t("details.assistance")}</dt>
          <dd>
            {customer.assistance.state === "on" && customer.assistanceReason
              ? t("details.assistanceOnBecause", {
                  reason: t(`details.assistanceReason.${customer.assistanceReason}` as "details.assistanceReason.monthly"),
                })
              : assistanceLabel(t, customer)}
          </dd>
          {customer.unlinkScheduledFor ? (
            <>
              <dt className="font-semibold">{t("details.unlink")}</dt>
              <dd>
                {t("details.unlinkScheduled", { date: formatDate(t.locale, customer.unlinkScheduledFor) })}
                {canCancelUnlink ? (
                  <Form method="post" preventScrollReset className="mt-2">
                    <SubmitButton name="intent" value="cancelUnlink" className="button-secondary">
                      {t("accountChanges.cancel.button")}
                    </SubmitButton>
                  </Form>
                ) : null}
              </dd>
            </>
          ) : null}
        </dl>
        <p className="mt-4">
          <Link to={`/customers/${customer.id}/contact`}>{t("details.contactCard")}</Link>
        </p>
      </section>

      <AssistanceSection offer={assistanceOffer} />

      <GroupsSection
        groups={groups}
        options={groupOptions}
        canChange={canChangeGroups}
        formId={form.id}
        onSubmit={form.onSubmit}
        field={groupField}
      />

      <section aria-labelledby="details-licenses" className="mb-8">
        <h2 id="details-licenses" className="mb-3 text-2xl font-bold">
          {t("details.licenses")}
        </h2>
        {licenses.length === 0 ? (
          <p>{t("details.noLicenses")}</p>
        ) : (
          <LicenseTable
            licenses={licenses}
            captionId="details-licenses-caption"
            caption={t("details.licensesCaption", { name: customer.name })}
          />
        )}
      </section>

      <section aria-labelledby="details-programs" className="mb-8">
        <h2 id="details-programs" className="mb-3 text-2xl font-bold">
          {t("details.programs")}
        </h2>
        <ul className="space-y-4">
          {programs.map((program) => (
            <li key={program.id} className="rounded border border-slate-300 p-4">
              <h3 className="text-xl font-bold">{program.name}</h3>
              <p className="mb-2">{program.description}</p>
              <p className="mb-2 text-sm">{t(program.acceptsFlex ? "details.programAcceptsFlex" : "details.programNoFlex")}</p>
              <p className="mb-2 font-semibold">
                {t(program.enrolled ? "details.programEnrolled" : "details.programNotEnrolled")}
              </p>
              {program.offer && "action" in program.offer ? (
                <Form method="post" preventScrollReset>
                  <input type="hidden" name="programId" value={program.id} />
                  <SubmitButton name="intent" value={program.offer.action} className="button-secondary">
                    {t(program.offer.action === "join" ? "details.join" : "details.leave")}
                    <span className="sr-only"> {program.name}</span>
                  </SubmitButton>
                </Form>
              ) : program.offer ? (
                <p className="border-l-4 border-slate-500 pl-3">{t(`policy.${program.offer.reason}`)}</p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

type AssistanceOffer = Route.ComponentProps["loaderData"]["assistanceOffer"];

/**
 * "Partner Assistance" (F12, F13): "Request approval" (Super Admin, Admin)
 * while Partner Assistance is off and nothing waits for an answer, the
 * pending request's expiry, and "Launch customer", or what the customer must
 * do first. Its state and why it is on are in the account facts above.
 */
function AssistanceSection({ offer }: { offer: AssistanceOffer }) {
  const t = useT();
  return (
    <section aria-labelledby="details-assistance" className="mb-8">
      <h2 id="details-assistance" className="mb-3 text-2xl font-bold">
        {t("partnerAssistance.heading")}
      </h2>
      {offer.pendingUntil !== null ? (
        <p className="mb-4">{t("policy.request.pending", { date: formatDate(t.locale, offer.pendingUntil) })}</p>
      ) : null}
      {offer.canRequest ? (
        <Form method="post" preventScrollReset className="mb-4">
          <p id="request-approval-hint" className="hint mb-2">
            {t("approval.requestHint")}
          </p>
          <SubmitButton
            name="intent"
            value="requestApproval"
            className="button-secondary"
            aria-describedby="request-approval-hint"
          >
            {t("approval.request")}
          </SubmitButton>
        </Form>
      ) : null}
      {offer.launch ? (
        <Form method="post">
          {offer.launch.readOnly ? (
            <p id="launch-hint" className="hint mb-2">
              {t("launch.readOnlyHint")}
            </p>
          ) : null}
          <SubmitButton name="intent" value="launch" aria-describedby={offer.launch.readOnly ? "launch-hint" : undefined}>
            {t("launch.button")}
          </SubmitButton>
        </Form>
      ) : offer.launchRefusal ? (
        <p className="border-l-4 border-slate-500 pl-3">{t(`policy.${offer.launchRefusal}`)}</p>
      ) : null}
    </section>
  );
}

/** "Groups": the customer's groups; for a Super Admin, "Remove from …" and "Group" + "Save". */
function GroupsSection({
  groups,
  options,
  canChange,
  formId,
  onSubmit,
  field,
}: {
  groups: { id: number; name: string }[];
  options: { id: number; name: string }[];
  canChange: boolean;
  formId: string;
  onSubmit: (event: React.FormEvent<HTMLFormElement>) => void;
  field: { id: string; name: string; errors?: string[] };
}) {
  const t = useT();
  return (
    <section aria-labelledby="details-groups" className="mb-8">
      <h2 id="details-groups" className="mb-3 text-2xl font-bold">
        {t("details.groups")}
      </h2>
      {groups.length === 0 ? (
        <p className="mb-4">{t("details.noGroups")}</p>
      ) : (
        <ul className="mb-4 space-y-2">
          {groups.map((group) => (
            <li key={group.id} className="flex flex-wrap items-center gap-3">
              <span className="font-semibold">{group.name}</span>
              {canChange ? (
                <Form method="post" preventScrollReset>
                  <input type="hidden" name="groupId" value={group.id} />
                  <SubmitButton name="intent" value="removeGroup" className="button-small">
                    {t("details.removeFromGroup", { group: group.name })}
                  </SubmitButton>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canChange ? (
        options.length === 0 ? (
          <p>
            {t("details.inEveryGroup")} <Link to="/groups">{t("details.manageGroups")}</Link>
          </p>
        ) : (
          <Form method="post" id={formId} noValidate onSubmit={onSubmit} preventScrollReset>
            <h3 className="mb-2 text-lg font-semibold">{t("details.addToGroup")}</h3>
            <SelectField
              id={field.id}
              label={t("details.groupField")}
              errors={field.errors}
              placeholder={t("details.groupChoose")}
              options={options.map((group) => ({ value: group.id, label: group.name }))}
              selectProps={{ name: field.name, defaultValue: "" }}
              className="input max-w-xs"
            />
            <SubmitButton name="intent" value="addGroup">
              {t("common.save")}
            </SubmitButton>
          </Form>
        )
      ) : null}
    </section>
  );
}
