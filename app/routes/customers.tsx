import type { Route } from "./+types/customers";
import { Form, Link, Outlet, useLocation, useNavigation, useSubmit, type ShouldRevalidateFunction } from "react-router";
import { useEffect, useRef } from "react";
import { requirePartnerUser } from "~/services/authz.server";
import type { CustomerListRow } from "~/models/customer-list.server";
import { answerRowButton, customerListPage, type RowOffer } from "~/services/customer-list-page.server";
import {
  ASSISTANCE_FILTERS,
  LICENSE_STATUS_FILTERS,
  SEARCH_MAX_LENGTH,
  customerListSearch,
  narrowsCustomers,
  type CustomerListQuery,
  type SortKey,
} from "~/schemas/customer-list-query";
import { BILLING_TYPES } from "../../lib/enums";
import { Pagination } from "~/components/ui/Pagination";
import { DollarIcon } from "~/components/ui/icons";
import { licenseStatusClass } from "~/components/ui/LicenseStatusIcon";
import { useT } from "~/utils/i18n-hooks";
import { useInPageLink } from "~/utils/in-page-link";
import { pageTitle } from "~/utils/meta";
import { formatDate, type I18n } from "~/i18n/translate";
import type { CategoryStatus } from "~/domain/license-status";
import { assistanceLabel, billingLabel, licenseLabel } from "~/components/ui/customer-labels";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = {
  messages: [
    "accountChanges.select", "approval.request", "customers", "details.link", "export", "filter",
    "launch.button", "launch.rowOff", "meta.customers", "pagination", "protection", "search",
  ],
} satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "customers.title", undefined, { description: "meta.customers" });

/**
 * The route layout (docs/decisions/0012-customers-route-layout.md): this
 * route is the list; its children (the contact card, the rename form) are
 * shown over it as dialogs when opened from it. A child's address loaded as a
 * document (no JavaScript, or a shared link) is the card as a page: the
 * loader sees the child's `customerId` and loads no list.
 *
 * Moving between the list and its cards with the same search keeps the list
 * loaded as it is (no second list query for opening a card); coming back to
 * the list from a card loads it again, so a page with no list under it, or a
 * list under a renamed customer, is never shown stale.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  currentParams,
  nextParams,
  formMethod,
  actionStatus,
  defaultShouldRevalidate,
}) => {
  if (formMethod && formMethod !== "GET") {
    // A card's form sent back with errors (400, 409) changed nothing: keep
    // the list, so the form stays a dialog over it. (Loaded again here, this
    // loader would see the child's customerId and drop the list.)
    if (nextParams.customerId && actionStatus !== undefined && actionStatus >= 400) return false;
    return defaultShouldRevalidate;
  }
  if (nextParams.customerId && currentUrl.search === nextUrl.search) return false;
  if (currentParams.customerId && !nextParams.customerId) return true;
  return defaultShouldRevalidate;
};

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePartnerUser(request, { can: "customers.view" });
  // A card's own address loaded as a document: the card is the page.
  if (params.customerId !== undefined) return { list: null };
  return { list: customerListPage(actor, new URL(request.url).searchParams) };
}

/** A row's "Request approval" or "Launch customer" (RowActionsForm; customer-list-page.server.ts). */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "customers.view" });
  return answerRowButton(request, actor);
}

export default function CustomersPage({ loaderData }: Route.ComponentProps) {
  const { list } = loaderData;
  useListFocus();

  if (!list) return <Outlet />;
  return (
    <>
      <CustomerList list={list} />
      <Outlet />
    </>
  );
}

/**
 * Where focus goes after a client-side navigation of the list, which moves
 * none by itself (docs/decisions/0009-dialogs-and-error-titles.md):
 * - back from a contact card or its rename form (Close, Escape): the
 *   customer's name that opened it (the dialog passes `focusCustomer`);
 * - after a form of a card or a row saved and its answer brought the list
 *   back (a rename, "Request approval"): that customer's name too;
 * - otherwise, when the element that had focus is gone (a page number that
 *   became the current page, the empty result's "Clear" link), the results
 *   table, else the search field: never <body>. Focus still on the page
 *   (the search field after Enter, the Search button) stays where it is.
 */
function useListFocus() {
  const location = useLocation();
  const navigation = useNavigation();
  const focusCustomer = (location.state as { focusCustomer?: number } | null)?.focusCustomer;
  const savedFrom = useRef<number | null>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    if (navigation.state !== "loading" || !navigation.formMethod || navigation.formMethod === "GET") return;
    if (navigation.location.pathname !== "/customers") return;
    // A card's form (/customers/42/name), or a row's "Request approval" (requestApproval=42).
    const id =
      /^\/customers\/(\d+)(?:[/?]|$)/.exec(navigation.formAction ?? "")?.[1] ?? navigation.formData?.get("requestApproval");
    if (typeof id === "string" && /^\d+$/.test(id)) savedFrom.current = Number(id);
  }, [navigation]);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const customer = focusCustomer ?? savedFrom.current;
    savedFrom.current = null;
    const name = customer ? document.getElementById(nameId(customer)) : null;
    if (name) {
      name.focus();
      return;
    }
    if (document.activeElement && document.activeElement !== document.body) return;
    const results = document.getElementById("customers-caption")?.closest<HTMLElement>("[tabindex]");
    (results ?? document.getElementById("search-q"))?.focus();
  }, [focusCustomer, location.key]);
}

type ListData = NonNullable<Route.ComponentProps["loaderData"]["list"]>;

function CustomerList({ list }: { list: ListData }) {
  const t = useT();
  const { query } = list;
  const filtered = narrowsCustomers(query);
  const hrefFor = (change: Partial<CustomerListQuery>) =>
    `/customers${customerListSearch({ ...query, ...change })}`;
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">{t("customers.heading")}</h1>
        {list.canStartTrial || list.canCreateMonthly ? (
          <ul className="flex flex-wrap gap-3">
            {list.canStartTrial ? (
              <li>
                <Link to="/customers/trial" className="button-secondary">
                  {t("customers.startTrial")}
                </Link>
              </li>
            ) : null}
            {list.canCreateMonthly ? (
              <li>
                <Link to="/customers/monthly" className="button-secondary">
                  {t("customers.createMonthly")}
                </Link>
              </li>
            ) : null}
          </ul>
        ) : null}
      </div>
      <SearchForm list={list} />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <p role="status" className="font-semibold">
          {filtered
            ? t.plural("customers.results", list.total)
            : t.plural("customers.count", list.total)}
        </p>
        {list.canExport ? (
          <a href={`/customers/export${customerListSearch({ ...query, page: 1 })}`} className="button-secondary" download>
            {t("export.button")}
          </a>
        ) : null}
      </div>
      {list.total === 0 ? (
        <div className="border-l-4 border-slate-500 bg-slate-50 p-4">
          <p className="mb-2">{filtered ? t("customers.empty") : t("customers.emptyAll")}</p>
          {filtered ? (
            <Link to="/customers" discover="none">
              {t("customers.clear")}
            </Link>
          ) : null}
        </div>
      ) : (
        <>
          {/* Before the selection form, which holds the table: forms never nest. */}
          <RowActionsForm />
          {list.canSelect ? (
            <SelectionForm list={list}>
              <CustomerTable list={list} hrefFor={hrefFor} />
            </SelectionForm>
          ) : (
            <CustomerTable list={list} hrefFor={hrefFor} />
          )}
        </>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} hrefFor={(page) => hrefFor({ page })} />
    </>
  );
}

function SearchForm({ list }: { list: ListData }) {
  const t = useT();
  const { query } = list;
  // The field shows the address's search when it changes (back and
  // forward too) without being remounted, which would drop focus to <body>
  // after Enter. Not when the page hydrates: what the user typed before the
  // scripts ran stays.
  const searchField = useRef<HTMLInputElement>(null);
  const shownQuery = useRef(query.q);
  useEffect(() => {
    if (shownQuery.current === query.q) return;
    shownQuery.current = query.q;
    const field = searchField.current;
    if (field && field.value !== query.q) field.value = query.q;
  }, [query.q]);
  return (
    <Form method="get" action="/customers" discover="none" role="search" aria-label={t("search.legend")} className="search-panel">
      <div className="flex flex-wrap items-end gap-4">
        <div className="min-w-[16rem] flex-1">
          <label htmlFor="search-q" className="label">
            {t("search.label")}
          </label>
          <span id="search-q-hint" className="hint mb-1">
            {t("search.hint")}
          </span>
          {list.searchTruncated ? (
            <span id="search-q-error" className="field-error mb-1">
              {t("search.tooLong", { max: SEARCH_MAX_LENGTH })}
            </span>
          ) : null}
          <input
            id="search-q"
            ref={searchField}
            name="q"
            type="search"
            defaultValue={query.q}
            className="input"
            aria-describedby={list.searchTruncated ? "search-q-hint search-q-error" : "search-q-hint"}
            aria-invalid={list.searchTruncated || undefined}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <FilterSelect
          name="billing"
          label={t("filter.billing")}
          value={query.billing}
          options={BILLING_TYPES.map((type) => ({ value: type, label: t(`billing.${type}`) }))}
        />
        <FilterSelect
          name="group"
          label={t("filter.group")}
          value={query.groupId}
          options={list.groups.map((group) => ({ value: group.id, label: group.name }))}
        />
        <FilterSelect
          name="assistance"
          label={t("filter.assistance")}
          value={query.assistance}
          options={ASSISTANCE_FILTERS.map((value) => ({ value, label: t(`filter.assistance.${value}`) }))}
        />
        <FilterSelect
          name="status"
          label={t("filter.licenseStatus")}
          value={query.licenseStatus}
          options={LICENSE_STATUS_FILTERS.map((value) => ({ value, label: t(`filter.licenseStatus.${value}`) }))}
        />
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <div className="flex min-h-[2.75rem] items-center gap-2">
          <input
            id="filter-protection"
            type="checkbox"
            name="protection"
            value="on"
            defaultChecked={query.onlyProtection}
            key={`p${query.onlyProtection}`}
            className="h-6 w-6"
          />
          <label htmlFor="filter-protection" className="font-semibold">
            {t("protection.label")}
          </label>
        </div>
        {query.sort !== "name" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <button type="submit" className="button">
          {t("search.button")}
        </button>
        <Link to="/customers" discover="none">
          {t("customers.clear")}
        </Link>
      </div>
      {list.ignoredValues ? <p className="mt-3 text-sm">{t("filter.ignored")}</p> : null}
    </Form>
  );
}

/**
 * What to do with the customers chosen in the table (F8, F9). A GET form,
 * so without JavaScript choosing and pressing a button opens the
 * confirmation page with the ids in its address (`/customers/unlink?ids=1&ids=2`);
 * "Update billing type" sends the same choice to /customers/billing. The
 * form holds the table, so its checkboxes need no `form` attribute (50 of
 * them a page); the rows' buttons join the row actions form by its id.
 */
function SelectionForm({ list, children }: { list: ListData; children: React.ReactNode }) {
  const t = useT();
  return (
    <Form method="get" action="/customers/unlink" aria-labelledby="selection-legend">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <p id="selection-legend" className="font-semibold">
          {t("accountChanges.select.legend")}
        </p>
        {list.canUpdateBilling ? (
          <button type="submit" formAction="/customers/billing" className="button-secondary">
            {t("accountChanges.select.updateBilling")}
          </button>
        ) : null}
        <button type="submit" className="button-secondary">
          {t("accountChanges.select.unlink")}
        </button>
      </div>
      {children}
    </Form>
  );
}

/** One filter of the search form: "Any" first, then the options; the URL's value selected. */
function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | number | null;
  options: { value: string | number; label: string }[];
}) {
  const t = useT();
  const id = `filter-${name}`;
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {/* Keyed by the value so a back/forward navigation shows the URL's choice. */}
      <select id={id} name={name} defaultValue={value ?? ""} key={`${name}-${value}`} className="input filter-select">
        <option value="">{t("filter.any")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The form every row's "Request approval" and "Launch customer" belong to (their `form` attribute). */
const ROW_ACTIONS_FORM = "rows";

/**
 * One form for the rows' buttons (F12, F13), outside the table: each button
 * joins it by its id and says what it does by its name, its value the
 * customer's id (`requestApproval=42`), so a row carries no form of its own.
 * With no `action` it posts to the list's own address, whose action answers
 * (customer-list-page.server.ts, `answerRowButton`): a request comes back to
 * the list as it was (its search and page, and with JavaScript the scroll
 * position kept); a launch goes to the customer's console, at its top.
 */
function RowActionsForm() {
  const submit = useSubmit();
  return (
    <form
      id={ROW_ACTIONS_FORM}
      method="post"
      onSubmit={(event) => {
        const button = (event.nativeEvent as SubmitEvent).submitter;
        if (!(button instanceof HTMLButtonElement)) return;
        event.preventDefault();
        submit(button, { method: "post", preventScrollReset: button.name === "requestApproval" });
      }}
    />
  );
}

/** The ids of the words the rows' controls are named with, after the customer's name (`RowLabels`). */
const LABEL_ID = { select: "l-sel", details: "l-det", request: "l-req", launch: "l-run" } as const;

/** The id of a row's customer name (its link to the contact card): focus returns there, and the row's controls are named by it. */
const nameId = (customerId: number) => `c${customerId}`;

/**
 * The words before the customer's name in the accessible names of a row's
 * controls ("Customer details: Hooli"), written once for the table: each
 * control is named by these and the row's name (`aria-labelledby`), not by
 * an `aria-label` that repeats the name on every row. "Select" is the
 * checkbox column's header. Hidden, and still read: a name may come from
 * hidden elements it refers to.
 */
function RowLabels() {
  const t = useT();
  return (
    <div hidden>
      <span id={LABEL_ID.details}>{t("customers.row.details")}</span>
      <span id={LABEL_ID.request}>{t("customers.row.request")}</span>
      <span id={LABEL_ID.launch}>{t("customers.row.launch")}</span>
    </div>
  );
}

/** A sort link's class: its look and its arrow (decorative: `aria-sort` on the header says the order). */
const SORT_CLASS = { asc: "sort sort-asc", desc: "sort sort-desc", none: "sort sort-none" } as const;

function CustomerTable({
  list,
  hrefFor,
}: {
  list: ListData;
  hrefFor: (change: Partial<CustomerListQuery>) => string;
}) {
  const t = useT();
  const { query } = list;
  const location = useLocation();
  const sortHeader = (key: SortKey, label: string) => {
    const active = query.sort === key;
    const nextDir = active && query.dir === "asc" ? "desc" : "asc";
    return (
      <th scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
        {/* The arrow is drawn by CSS from the class (app/tailwind.css, `.sort-*`). */}
        <Link
          to={hrefFor({ sort: key, dir: nextDir, page: 1 })}
          className={active ? SORT_CLASS[query.dir] : SORT_CLASS.none}
          discover="none"
        >
          {label}
        </Link>
      </th>
    );
  };
  return (
    <>
      <RowLabels />
      <div role="region" aria-labelledby="customers-caption" tabIndex={0} className="overflow-x-auto">
        {/* Below 64rem each row is a block of lines, each named by its cell's `data-label` (app/tailwind.css, .data-table). */}
        <table className="data-table customer-table w-full border-collapse lg:min-w-[56rem]">
          <caption id="customers-caption" className="table-caption">
            {t("customers.caption")}
          </caption>
          <thead>
            <tr data-label={t("customers.sortLabel")}>
              {list.canSelect ? (
                <th scope="col">
                  <span id={LABEL_ID.select} className="sr-only">
                    {t("accountChanges.select.column")}
                  </span>
                </th>
              ) : null}
              {sortHeader("name", t("customers.col.customer"))}
              {sortHeader("billing", t("customers.col.billing"))}
              <th scope="col">{t("customers.col.managed")}</th>
              <th scope="col">{t("customers.col.groups")}</th>
              <th scope="col">{t("customers.col.licenses")}</th>
              {sortHeader("licenseEnd", t("customers.col.nextEnd"))}
              <th scope="col">{t("customers.col.assistance")}</th>
              <th scope="col">{t("customers.col.actions")}</th>
            </tr>
          </thead>
          <CustomerRows list={list} search={location.search} />
        </table>
      </div>
    </>
  );
}

/**
 * The table's body: the loader's rows, rendered by React on the server and
 * hydrated in the browser like any page. Rows are keyed by customer, so a
 * box ticked in a row stays ticked when the list is loaded again (after a
 * card closes or a row's action).
 */
function CustomerRows({ list, search }: { list: ListData; search: string }) {
  const t = useT();
  const words = rowWords(t, list.query.onlyProtection);
  // The card opens over the list, where it is; the details page from its top.
  const links = { card: useInPageLink({ preventScrollReset: true }), details: useInPageLink() };
  return (
    <tbody>
      {list.rows.map((row) => (
        <CustomerRow
          key={row.id}
          t={t}
          words={words}
          row={row}
          offer={list.offers[row.id]}
          search={search}
          canSelect={list.canSelect}
          links={links}
        />
      ))}
    </tbody>
  );
}

/** The words every row says the same, looked up once for the 50 rows. */
function rowWords(t: I18n, onlyProtection: boolean) {
  const licenseTexts = new Map<string, string>();
  return {
    /** "Endpoint: active": a few texts said on most rows, each written once. */
    license(license: CategoryStatus): string {
      const key = `${license.category} ${license.status} ${license.daysLeft}`;
      let text = licenseTexts.get(key);
      if (text === undefined) licenseTexts.set(key, (text = licenseLabel(t, license)));
      return text;
    },
    managedOrder: t("customers.managedOrder"),
    noGroups: t("customers.noGroups"),
    noLicenses: onlyProtection ? t("customers.noActiveLicenses") : t("customers.noLicenses"),
    details: t("details.link"),
    request: t("approval.request"),
    launch: t("launch.button"),
    launchOff: t("launch.rowOff"),
    /** The column names a narrow screen writes before each cell (`data-label`, app/tailwind.css). */
    col: {
      billing: t("customers.col.billing"),
      managed: t("customers.col.managed"),
      groups: t("customers.col.groups"),
      licenses: t("customers.col.licenses"),
      nextEnd: t("customers.col.nextEnd"),
      assistance: t("customers.col.assistance"),
      actions: t("customers.col.actions"),
    },
  };
}

/**
 * One row. The repeated styles are classes of the table (`.customer-table`,
 * app/tailwind.css), a license's icon is drawn by CSS from its class, and the
 * buttons join one form (`RowActionsForm`). Each cell after the row header
 * carries its column's name (`data-label`), which a narrow screen shows
 * before it. Its two links are plain `<a>`s that the table's handlers
 * follow in the page (`useInPageLink`, decision 0030): the customer's name
 * opens the contact card over the list, where it is (`preventScrollReset`).
 */
function CustomerRow({
  t,
  words,
  row,
  offer,
  search,
  canSelect,
  links,
}: {
  t: I18n;
  words: ReturnType<typeof rowWords>;
  row: CustomerListRow;
  offer: RowOffer | undefined;
  search: string;
  canSelect: boolean;
  links: Record<"card" | "details", ReturnType<typeof useInPageLink>>;
}) {
  const name = nameId(row.id);
  const { col } = words;
  return (
    <tr>
      {canSelect ? (
        <td>
          {/* A managed customer order can be neither converted nor unlinked here (F10). */}
          {row.managedOrder ? null : (
            <input
              type="checkbox"
              name="ids"
              value={row.id}
              aria-labelledby={`${LABEL_ID.select} ${name}`}
            />
          )}
        </td>
      ) : null}
      <th scope="row">
        <a id={name} href={`/customers/${row.id}/contact${search}`} onClick={links.card}>
          {row.name}
        </a>
        {row.unlinkScheduledFor ? (
          <span>{t("customers.unlinkScheduled", { date: formatDate(t.locale, row.unlinkScheduledFor) })}</span>
        ) : null}
      </th>
      <td data-label={col.billing}>{billingLabel(t, row)}</td>
      <td data-label={col.managed}>
        {row.managedOrder ? <DollarIcon label={words.managedOrder} className="icon h-5 w-5 text-green-900" /> : null}
      </td>
      {row.groups.length > 0 ? (
        <td data-label={col.groups}>{row.groups.join(", ")}</td>
      ) : (
        <td data-label={col.groups} className="muted">
          {words.noGroups}
        </td>
      )}
      <td data-label={col.licenses}>
        {row.licenses.length === 0 ? (
          <span className="muted">{words.noLicenses}</span>
        ) : (
          <ul>
            {row.licenses.map((license) => (
              <li key={license.category} className={licenseStatusClass(license.status)}>
                {words.license(license)}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td data-label={col.nextEnd}>{row.nextLicenseEndAt ? formatDate(t.locale, row.nextLicenseEndAt) : "–"}</td>
      <td data-label={col.assistance}>{assistanceLabel(t, row)}</td>
      <td data-label={col.actions}>
        {/* The name is in each accessible name, after the visible words (WCAG 2.5.3; RowLabels). */}
        <a href={`/customers/${row.id}`} onClick={links.details} aria-labelledby={`${LABEL_ID.details} ${name}`}>
          {words.details}
        </a>
        {offer?.request ? (
          <button form={ROW_ACTIONS_FORM} name="requestApproval" value={row.id} aria-labelledby={`${LABEL_ID.request} ${name}`}>
            {words.request}
          </button>
        ) : null}
        {offer?.launch ? (
          <button form={ROW_ACTIONS_FORM} name="launch" value={row.id} aria-labelledby={`${LABEL_ID.launch} ${name}`}>
            {words.launch}
          </button>
        ) : offer?.launchOff ? (
          <p>{words.launchOff}</p>
        ) : null}
      </td>
    </tr>
  );
}
