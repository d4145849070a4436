/**
 * The one bridge from app/ into db/ (STYLE.md §1). One connection per process,
 * kept on globalThis so a development rebuild does not open another.
 */
import { openDatabase, type Db } from "../db/client";

export { resolveDatabasePath } from "../db/client";

export * as schema from "../db/schema";
export type { Db };

const globalForDb = globalThis as typeof globalThis & { __partnerConsoleDb?: Db };

export function getDb(): Db {
  globalForDb.__partnerConsoleDb ??= openDatabase();
  return globalForDb.__partnerConsoleDb;
}
