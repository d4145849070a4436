/**
 * The benchmark's floor: the least a page can cost on this platform. A plain
 * table of 50 rows and 5 columns built in memory once, no icons, no
 * components of ours, no database, no session (the benchmark requests it
 * without a cookie, so the root loader reads none). It is still a React
 * Router route, rendered by the same server, entry.server.tsx and root layout
 * (which every route has) as the application's pages: what Express, React Router,
 * React, the document and gzip cost at the least for a list of this size.
 * Every page's CPU a request is reported as a multiple of this one's.
 *
 * Registered only in the benchmark's own build (BENCH_BASELINE=1, see
 * app/routes.ts), never in `npm run build`.
 */
import { useLoaderData } from "react-router";

type FloorRow = { id: number; name: string; email: string; billing: string; group: string; ends: string };

const BILLING = ["Trial", "Term", "Usage"];
const GROUPS = ["APAC", "Americas", "EMEA", "Education", "Healthcare", "VIP"];

// Built in the loader on first use, not at module level, so none of it
// reaches the browser bundle.
let rows: FloorRow[] | undefined;

// Public by design: a benchmark-only route with no data behind it.
export function loader() {
  rows ??= Array.from({ length: 50 }, (_, i) => ({
    id: 100_000 + i,
    name: `Customer ${1000 + i} Ltd`,
    email: `it@customer-${i}.test`,
    billing: BILLING[i % BILLING.length]!,
    group: GROUPS[i % GROUPS.length]!,
    ends: `2027-0${(i % 9) + 1}-1${i % 10}`,
  }));
  return { rows };
}

export default function Floor() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <table>
      <caption>Customers</caption>
      <thead>
        <tr>
          <th scope="col">Customer</th>
          <th scope="col">Email</th>
          <th scope="col">Billing type</th>
          <th scope="col">Group</th>
          <th scope="col">License end</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} id={`c${row.id}`}>
            <th scope="row">{row.name}</th>
            <td>{row.email}</td>
            <td>{row.billing}</td>
            <td>{row.group}</td>
            <td>{row.ends}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
