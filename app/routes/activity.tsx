import type { Route } from "./+types/activity";
import { Form, Link } from "react-router";
import { requirePartnerUser } from "~/services/authz.server";
import { listActivities, listActivityUserOptions } from "~/models/activity-log.server";
import {
  ACTOR_CUSTOMER_ADMINS,
  ACTOR_SCHEDULED,
  CUSTOMER_SEARCH_MAX_LENGTH,
  actorValue,
  activitySearch,
  parseActivityQuery,
  type ActivityQuery,
  type DateError,
} from "~/schemas/activity-query";
import {
  ACTIVITY_AREAS,
  ACTIVITY_KINDS,
  describeActor,
  describeChange,
  describeKind,
  type ChangeEntry,
} from "~/domain/activity-kinds";
import { ErrorSummary, type SummaryError } from "~/components/form/ErrorSummary";
import { Pagination } from "~/components/ui/Pagination";
import type { MessageKey } from "~/i18n/messages";
import type { Locale } from "~/i18n/locales";
import type { I18n } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { ColumnHeaders } from "~/components/ui/ColumnHeaders";

const FIELD_IDS = { from: "filter-from", to: "filter-to" } as const;

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitle(matches, "activity.title", undefined, {
    description: "meta.activity",
    error: loaderData ? Object.keys(loaderData.dateErrors).length > 0 : false,
  });

/**
 * The activity log (F16), Super Admins only: every change and launch of the
 * partner's customers and groups, newest first, 50 a page, filtered by a
 * GET form (dates, customer, user, kind) so the URL holds the filters and
 * the export link can repeat them. A value that cannot be used is left out
 * and the page says why: a date at its field and in the error summary, an
 * unknown user or kind in a note. Never a 500 for what the URL holds.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const { partner } = await requirePartnerUser(request, { can: "activity.view" });
  const parsed = parseActivityQuery(new URL(request.url).searchParams);
  const users = listActivityUserOptions({ partnerId: partner.id });
  const { actor } = parsed.query;
  // A user of another partner, or one that no longer exists, is not a choice.
  const actorKnown = actor?.kind !== "user" || users.some((user) => user.id === actor.userId);
  const query: ActivityQuery = actorKnown ? parsed.query : { ...parsed.query, actor: null };
  const result = listActivities({ partnerId: partner.id, query });
  return {
    rows: result.rows,
    total: result.total,
    pageCount: result.pageCount,
    query: { ...query, page: result.page },
    /** The page asked for, when it was past the last one. */
    pageOutOfRange: query.page > result.page ? query.page : null,
    typed: parsed.typed,
    dateErrors: parsed.dateErrors,
    customerTruncated: parsed.customerTruncated,
    ignoredValues: parsed.ignoredValues || !actorKnown,
    users,
  };
}

type LogData = Route.ComponentProps["loaderData"];

const TO_ERROR_KEYS: Record<DateError, MessageKey> = {
  invalid: "activity.to.invalid",
  beforeFrom: "activity.to.beforeFrom",
};

function dateErrorMessages(t: I18n, errors: LogData["dateErrors"]): { from?: string; to?: string } {
  return {
    from: errors.from ? t("activity.from.invalid") : undefined,
    to: errors.to ? t(TO_ERROR_KEYS[errors.to]) : undefined,
  };
}

export default function ActivityLogPage({ loaderData: data }: Route.ComponentProps) {
  const t = useT();
  const { query } = data;
  const messages = dateErrorMessages(t, data.dateErrors);
  const summary: SummaryError[] = [
    ...(messages.from ? [{ fieldId: FIELD_IDS.from, message: messages.from }] : []),
    ...(messages.to ? [{ fieldId: FIELD_IDS.to, message: messages.to }] : []),
  ];
  const filtered = Boolean(query.from || query.to || query.customer || query.actor || query.kind);
  const hrefFor = (page: number) => `/activity${activitySearch({ ...query, page })}`;
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="mb-2 text-3xl font-bold">{t("activity.heading")}</h1>
      <p className="mb-4">{t("activity.intro")}</p>
      <FilterForm data={data} messages={messages} />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <p role="status" className="font-semibold">
          {filtered ? t.plural("activity.results", data.total) : t.plural("activity.count", data.total)}
        </p>
        {/* The filters the page used (a bad value left out), every page: the rows shown. */}
        <a href={`/activity/export${activitySearch({ ...query, page: 1 })}`} className="button-secondary" download>
          {t("activity.export")}
        </a>
      </div>
      {data.pageOutOfRange ? (
        <p className="mb-3 border-l-4 border-slate-500 bg-slate-50 p-3">
          {t("activity.pageOutOfRange", { page: data.pageOutOfRange })}
        </p>
      ) : null}
      {data.rows.length === 0 ? (
        <div className="border-l-4 border-slate-500 bg-slate-50 p-4">
          <p className="mb-2">{filtered ? t("activity.empty") : t("activity.emptyAll")}</p>
          {filtered ? <Link to="/activity">{t("activity.clear")}</Link> : null}
        </div>
      ) : (
        <ActivityTable rows={data.rows} />
      )}
      <Pagination page={query.page} pageCount={data.pageCount} hrefFor={hrefFor} />
    </>
  );
}

function FilterForm({ data, messages }: { data: LogData; messages: { from?: string; to?: string } }) {
  const t = useT();
  const { query } = data;
  return (
    <Form
      method="get"
      action="/activity"
      noValidate
      role="search"
      aria-label={t("activity.filter.label")}
      className="search-panel"
    >
      <div className="flex flex-wrap items-end gap-4">
        <fieldset className="min-w-0">
          <legend className="label">{t("activity.filter.dates")}</legend>
          <span id="filter-dates-hint" className="hint mb-1 max-w-md">
            {t("activity.filter.datesHint")}
          </span>
          <div className="flex flex-wrap gap-4">
            <DateField id={FIELD_IDS.from} name="from" label={t("activity.filter.from")} value={data.typed.from} error={messages.from} />
            <DateField id={FIELD_IDS.to} name="to" label={t("activity.filter.to")} value={data.typed.to} error={messages.to} />
          </div>
        </fieldset>
      </div>
      <div className="mt-4 flex flex-wrap items-end gap-4">
        <div className="min-w-0 flex-1 basis-64">
          <label htmlFor="filter-customer" className="label">
            {t("activity.filter.customer")}
          </label>
          <span id="filter-customer-hint" className="hint mb-1">
            {t("activity.filter.customerHint")}
          </span>
          {data.customerTruncated ? (
            <span id="filter-customer-error" className="field-error mb-1">
              {t("activity.filter.customerTooLong", { max: CUSTOMER_SEARCH_MAX_LENGTH })}
            </span>
          ) : null}
          <input
            id="filter-customer"
            name="customer"
            type="search"
            defaultValue={query.customer}
            key={query.customer}
            className="input"
            aria-describedby={data.customerTruncated ? "filter-customer-hint filter-customer-error" : "filter-customer-hint"}
            aria-invalid={data.customerTruncated || undefined}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="min-w-0 basis-48">
          <label htmlFor="filter-user" className="label">
            {t("activity.filter.user")}
          </label>
          {/* Keyed by the value so a back/forward navigation shows the URL's choice. */}
          <select id="filter-user" name="user" defaultValue={actorValue(query.actor)} key={`user-${actorValue(query.actor)}`} className="input">
            <option value="">{t("activity.filter.any")}</option>
            {data.users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
            <option value={ACTOR_CUSTOMER_ADMINS}>{t("activity.filter.customerAdmins")}</option>
            <option value={ACTOR_SCHEDULED}>{t("activity.filter.scheduled")}</option>
          </select>
        </div>
        <div className="min-w-0 basis-64">
          <label htmlFor="filter-kind" className="label">
            {t("activity.filter.kind")}
          </label>
          <select id="filter-kind" name="kind" defaultValue={query.kind ?? ""} key={`kind-${query.kind}`} className="input">
            <option value="">{t("activity.filter.any")}</option>
            {ACTIVITY_AREAS.map((area) => (
              <optgroup key={area} label={t(`activity.area.${area}`)}>
                {ACTIVITY_KINDS.filter((entry) => entry.area === area).map((entry) => (
                  <option key={entry.kind} value={entry.kind}>
                    {t(entry.label)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="submit" className="button">
          {t("activity.filter.button")}
        </button>
        <Link to="/activity">{t("activity.clear")}</Link>
      </div>
      {data.ignoredValues ? <p className="mt-3 text-sm">{t("activity.filter.ignored")}</p> : null}
    </Form>
  );
}

/**
 * One date of the range, in the order STYLE.md §5 asks: label, error,
 * control (the hint is the fieldset's). A date input, which browsers offer
 * a picker for; the server still checks what arrives, as typed where a
 * browser has no picker.
 */
function DateField({ id, name, label, value, error }: { id: string; name: string; label: string; value: string; error?: string }) {
  const errorId = `${id}-error`;
  return (
    <div className={error ? "border-l-4 border-red-700 pl-3" : undefined}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {error ? (
        <span id={errorId} className="field-error mb-1">
          {error}
        </span>
      ) : null}
      <input
        id={id}
        name={name}
        type="date"
        defaultValue={value}
        key={`${name}-${value}`}
        className="input w-44"
        aria-describedby={error ? `filter-dates-hint ${errorId}` : "filter-dates-hint"}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

function ActivityTable({ rows }: { rows: LogData["rows"] }) {
  const t = useT();
  return (
    // `relative`: the screen-reader-only words in the cells are positioned
    // absolutely; without it they escape the scroll region and the whole page
    // scrolls sideways at 320 px.
    <div role="region" aria-labelledby="activity-caption" tabIndex={0} className="relative overflow-x-auto">
      {/* Below 64rem each entry is a block of labelled lines (app/tailwind.css, .data-table; cell-labels.ts). */}
      <table className="data-table activity-table w-full border-collapse lg:min-w-[52rem]">
        <caption id="activity-caption" className="table-caption">
          {t("activity.caption")}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("activity.col.when")}</th>
            <ColumnHeaders table="activity-table" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} id={`activity-${row.id}`}>
              <th scope="row" className="font-normal lg:whitespace-nowrap">
                <time dateTime={new Date(row.at).toISOString()}>{formatDateTime(t.locale, row.at)}</time>
              </th>
              <td>
                {describeActor(t, row.actor)}
              </td>
              <td>
                {describeKind(t, row.kind)}
                {row.subject ? (
                  <span className="block">
                    {t("activity.subject")} <Link to={`/users/${row.subject.id}`}>{row.subject.name}</Link>
                  </span>
                ) : null}
              </td>
              <td>
                {row.customer === null ? (
                  <Nothing label={t("activity.customer.none")} />
                ) : row.customer.linked ? (
                  <Link to={`/customers/${row.customer.id}`}>{row.customer.name}</Link>
                ) : (
                  t("activity.customer.unlinked", { name: row.customer.name })
                )}
              </td>
              <td>
                <Changes entries={row.before} />
              </td>
              <td>
                <Changes entries={row.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A recorded before or after as "field: value" lines. */
function Changes({ entries }: { entries: ChangeEntry[] | null }) {
  const t = useT();
  if (entries === null || entries.length === 0) return <Nothing label={t("activity.value.nothing")} />;
  return (
    <ul className="space-y-0.5 break-words">
      {entries.map((entry, index) => (
        <li key={`${entry.field}-${index}`}>{describeChange(t, entry)}</li>
      ))}
    </ul>
  );
}

/** A dash to the eye, words to a screen reader. */
function Nothing({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="sr-only">{label}</span>
    </>
  );
}

// Intl formats are costly to build and immutable: one per locale (as in i18n/translate.ts).
const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

/**
 * "Mar 31, 2026, 2:05 PM UTC": the date and time in the user's language, in
 * UTC like every date of the app (server and browser then agree) and like
 * the date filter, and saying so.
 */
function formatDateTime(locale: Locale, epochMs: number): string {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZone: "UTC",
      timeZoneName: "short",
    });
    dateTimeFormats.set(locale, format);
  }
  return format.format(new Date(epochMs));
}
