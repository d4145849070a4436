/**
 * `npm run db:seed -- --customers 20000`: migrates, creates the demo data if
 * the database is empty, and adds the benchmark partner ("Benchmark Partner",
 * super@bench.test) with that many customers, the same every time.
 *
 * `--partners 100` (with `--customers`): that many partners in all with that
 * many customers each, the Benchmark Partner and "Scale Partner 1" … 99
 * (`seedOtherPartners`): 2,000,000 customers for `--customers 20000`, the
 * database of the benchmark's cost-as-work-grows mode (`npm run bench -- --scale`).
 */
import { parseArgs } from "node:util";
import { migrateDatabase, openDatabase, resolveDatabasePath } from "./client";
import { hasData, seedDemoData, seedLargePartner, seedOtherPartners } from "./seed";

const { values } = parseArgs({ options: { customers: { type: "string" }, partners: { type: "string" } } });
const count = values.customers === undefined ? 0 : Number(values.customers);
if (!Number.isInteger(count) || count < 0 || count > 1_000_000) {
  console.error("--customers takes a whole number from 0 to 1000000");
  process.exit(2);
}
const partners = values.partners === undefined ? 1 : Number(values.partners);
if (!Number.isInteger(partners) || partners < 1 || partners > 1_000 || (partners > 1 && count === 0)) {
  console.error("--partners takes a whole number from 1 to 1000, with --customers");
  process.exit(2);
}
const db = openDatabase();
migrateDatabase(db);
if (!hasData(db)) await seedDemoData(db);
if (count > 0) {
  const started = Date.now();
  const { created } = await seedLargePartner(db, count);
  console.log(
    created
      ? `Added Benchmark Partner with ${count} customers in ${Date.now() - started} ms.`
      : "Benchmark Partner exists already; nothing added.",
  );
}
if (partners > 1) {
  const started = Date.now();
  const { created } = await seedOtherPartners(db, partners - 1, count, Date.now(), (n) => {
    if (n % 10 === 0) console.log(`  Scale Partner ${n} of ${partners - 1} (${Math.round((Date.now() - started) / 1000)} s)`);
  });
  console.log(`Added ${created} other partners with ${count} customers each in ${Date.now() - started} ms.`);
}
console.log(`Database: ${resolveDatabasePath()}`);
db.$client.close();
