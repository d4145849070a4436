/**
 * Runs once before the integration project: builds the template database
 * (every migration applied, then the demo data of SPEC §2), which each test
 * file copies into its worker's own file (integration-setup.ts).
 * Seeding hashes a password with argon2, so it is done once here, not per file.
 */
import fs from "node:fs";
import { migrateDatabase, openDatabase } from "../../db/client";
import { seedDemoData } from "../../db/seed";
import { TEMPLATE_DB, TMP_DIR } from "./paths";

export default async function setup(): Promise<void> {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  for (const name of fs.readdirSync(TMP_DIR)) {
    if (name.startsWith("int-") || name.startsWith("template.db")) {
      fs.rmSync(`${TMP_DIR}/${name}`, { force: true });
    }
  }
  const db = openDatabase(TEMPLATE_DB);
  migrateDatabase(db);
  await seedDemoData(db);
  // Closing the last connection checkpoints the WAL into the file itself, so
  // copying the one file copies everything.
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
}
