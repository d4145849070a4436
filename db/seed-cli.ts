/**
 * `npm run db:seed -- --customers 20000`: migrates, creates the demo data if
 * the database is empty, and adds the benchmark partner ("Benchmark Partner",
 * super@bench.test) with that many customers, the same every time.
 */
import { parseArgs } from "node:util";
import { migrateDatabase, openDatabase, resolveDatabasePath } from "./client";
import { hasData, seedDemoData, seedLargePartner } from "./seed";

const { values } = parseArgs({ options: { customers: { type: "string" } } });
const count = values.customers === undefined ? 0 : Number(values.customers);
if (!Number.isInteger(count) || count < 0 || count > 1_000_000) {
  console.error("--customers takes a whole number from 0 to 1000000");
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
console.log(`Database: ${resolveDatabasePath()}`);
db.$client.close();
