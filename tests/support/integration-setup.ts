/**
 * Runs in the worker before each integration test file, before any app code
 * calls getDb(): points the app at this worker's own SQLite file, a fresh copy
 * of the migrated and seeded template (integration-global-setup.ts), so every
 * file starts from the demo data of SPEC §2 whatever ran before it.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { TEMPLATE_DB, TMP_DIR } from "./paths";
import type { Db } from "../../db/client";

const workerId = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? String(process.pid);
const file = path.join(TMP_DIR, `int-${workerId}.db`);

const globalForDb = globalThis as typeof globalThis & { __partnerConsoleDb?: Db };
// A worker that ran another file before this one may still hold its connection.
globalForDb.__partnerConsoleDb?.$client.close();
delete globalForDb.__partnerConsoleDb;

for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
fs.copyFileSync(TEMPLATE_DB, file);

process.env.DATABASE_URL = file;
process.env.SESSION_SECRET = "integration-test-secret-not-for-production";
process.env.BACKGROUND_WORK = "off";
delete process.env.TRUST_PROXY;

afterAll(() => {
  globalForDb.__partnerConsoleDb?.$client.close();
  delete globalForDb.__partnerConsoleDb;
});
