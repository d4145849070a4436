/**
 * `npm run db:setup` (part of `npm start`): applies the migrations and, on an
 * empty database only, creates the demo data. Run it as often as you like.
 */
import { migrateDatabase, openDatabase, resolveDatabasePath } from "./client";
import { hasData, seedDemoData } from "./seed";

const db = openDatabase();
migrateDatabase(db);
if (hasData(db)) {
  console.log(`Database ${resolveDatabasePath()} is up to date.`);
} else {
  await seedDemoData(db);
  console.log(`Database ${resolveDatabasePath()} created with the demo data.`);
}
db.$client.close();
