import type { Route } from "./+types/users";
import { Form, Link } from "react-router";
import { useEffect, useRef } from "react";
import { requirePartnerUser } from "~/services/authz.server";
import { listTeam, type TeamRow } from "~/models/team.server";
import { parseTeamQuery, type TeamQuery } from "~/schemas/users";
import { ROLES, USER_STATUSES } from "../../lib/enums";
import { Pagination } from "~/components/ui/Pagination";
import { ColumnHeaders } from "~/components/ui/ColumnHeaders";
import { accessSummary, statusText } from "~/components/ui/user-labels";
import { formatDate } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import { now } from "~/utils/clock";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, "team.title", undefined, { description: "meta.users" });

/** The Users page's address for a query: only what differs from the defaults. */
function teamSearch(query: TeamQuery): string {
  const params = new URLSearchParams();
  if (query.search) params.set("q", query.search);
  if (query.role) params.set("role", query.role);
  if (query.status) params.set("status", query.status);
  if (query.page > 1) params.set("page", String(query.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * The Users page (issue 20), Super Admins only: the partner's users with
 * their role, customer access, status, second factor and last sign-in,
 * searched by name or email and filtered by role and status in a GET form
 * (the address holds them, as on the Customers page), 25 a page.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePartnerUser(request, { can: "users.manage" });
  const query = parseTeamQuery(new URL(request.url).searchParams);
  const page = listTeam({
    actor,
    search: query.search,
    role: query.role,
    status: query.status,
    page: query.page,
  });
  return {
    rows: page.rows,
    total: page.total,
    pageCount: page.pageCount,
    query: { ...query, page: page.page },
    now: now(),
  };
}

export default function UsersPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { query } = loaderData;
  const filtered = Boolean(query.search || query.role || query.status);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">{t("team.heading")}</h1>
        <Link to="/users/new" className="button">
          {t("team.add")}
        </Link>
      </div>
      <p className="mb-4 max-w-3xl">{t("team.intro")}</p>
      <SearchForm query={query} />
      <p role="status" className="mb-3 font-semibold">
        {filtered ? t.plural("team.results", loaderData.total) : t.plural("team.count", loaderData.total)}
      </p>
      {loaderData.rows.length === 0 ? (
        <div className="border-l-4 border-slate-500 bg-slate-50 p-4">
          <p className="mb-2">{t("team.empty")}</p>
          <Link to="/users">{t("team.clear")}</Link>
        </div>
      ) : (
        <UserTable rows={loaderData.rows} at={loaderData.now} />
      )}
      <Pagination
        page={query.page}
        pageCount={loaderData.pageCount}
        hrefFor={(page) => `/users${teamSearch({ ...query, page })}`}
      />
    </>
  );
}

function SearchForm({ query }: { query: TeamQuery }) {
  const t = useT();
  // The field shows the address's search (back and forward too) without a remount, which would drop focus.
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (field.current && field.current.value !== query.search) field.current.value = query.search;
  }, [query.search]);
  return (
    <Form method="get" action="/users" role="search" aria-label={t("team.search.legend")} className="search-panel">
      <div className="flex flex-wrap items-end gap-4">
        <div className="min-w-0 flex-1 basis-64">
          <label htmlFor="users-q" className="label">
            {t("team.search.label")}
          </label>
          <input
            id="users-q"
            ref={field}
            name="q"
            type="search"
            defaultValue={query.search}
            className="input"
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="min-w-0 basis-40">
          <label htmlFor="users-role" className="label">
            {t("team.filter.role")}
          </label>
          <select id="users-role" name="role" defaultValue={query.role ?? ""} key={`role-${query.role}`} className="input">
            <option value="">{t("team.filter.any")}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0 basis-40">
          <label htmlFor="users-status" className="label">
            {t("team.filter.status")}
          </label>
          <select
            id="users-status"
            name="status"
            defaultValue={query.status ?? ""}
            key={`status-${query.status}`}
            className="input"
          >
            <option value="">{t("team.filter.any")}</option>
            {USER_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`team.filter.status.${status}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="submit" className="button">
          {t("team.search.button")}
        </button>
        <Link to="/users">{t("team.clear")}</Link>
      </div>
    </Form>
  );
}

/**
 * One row per user, its name a link to "User details". Below 64rem each
 * user is a block of labelled lines, like every data table (cell-labels.ts).
 */
function UserTable({ rows, at }: { rows: TeamRow[]; at: number }) {
  const t = useT();
  return (
    <div role="region" aria-labelledby="users-caption" tabIndex={0} className="relative overflow-x-auto">
      <table className="data-table user-table w-full border-collapse lg:min-w-[56rem]">
        <caption id="users-caption" className="table-caption">
          {t("team.caption")}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("team.col.name")}</th>
            <ColumnHeaders table="user-table" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="[overflow-wrap:anywhere]">
                <Link to={`/users/${row.id}`}>{row.name}</Link>
              </th>
              <td className="[overflow-wrap:anywhere]">{row.email}</td>
              <td>{t(`role.${row.role}`)}</td>
              <td>{accessSummary(t, row.access)}</td>
              <td>{statusText(t, row, at)}</td>
              <td>{t(row.secondFactor ? "users.secondFactor.on" : "users.secondFactor.off")}</td>
              <td>{row.lastSignInAt ? formatDate(t.locale, row.lastSignInAt) : t("team.lastSignIn.never")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
