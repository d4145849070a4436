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

/** A transaction of the one connection (what model functions write through). */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * A transaction that writes: BEGIN IMMEDIATE takes the write lock first, so
 * a transaction that reads and then writes never fails half-way because
 * another process (the scheduled unlinks script, a second server worker)
 * wrote in between (SQLITE_BUSY_SNAPSHOT, which busy_timeout does not
 * retry); it waits for the lock instead.
 */
export function writeTransaction<T>(run: (tx: Tx) => T): T {
  return getDb().transaction(run, { behavior: "immediate" });
}
