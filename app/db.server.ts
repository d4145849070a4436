/**
 * The one bridge from app/ into db/ (STYLE.md §1). One connection per process,
 * kept on globalThis so a development rebuild does not open another.
 */
import type BetterSqlite3 from "better-sqlite3";
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

type Statement = BetterSqlite3.Statement<unknown[]>;

/** The hot queries' statements, compiled once per connection (docs/decisions/0017-prepared-queries.md). */
const statementsOf = new WeakMap<Db["$client"], Map<string, Statement>>();

/**
 * A statement of the one connection for this SQL text, compiled on first use
 * and kept: the hot read paths (the Customers list, its count and search,
 * the contact card, the details page) run fixed SQL with `?` parameters
 * instead of having the ORM build and SQLite compile it on every request.
 * The texts are a bounded set (one per list shape: filters, sort, scope
 * kind), never built from values.
 */
export function prepared(text: string): Statement {
  const client = getDb().$client;
  let statements = statementsOf.get(client);
  if (!statements) statementsOf.set(client, (statements = new Map()));
  let statement = statements.get(text);
  if (!statement) statements.set(text, (statement = client.prepare<unknown[]>(text)));
  return statement;
}

/** Drops the kept statements (tests that count the statements a page prepares). */
export function forgetPreparedStatements(): void {
  statementsOf.delete(getDb().$client);
}

/** Values kept per connection until the database changes (`keptWhileUnchanged`). */
const keptOf = new WeakMap<Db["$client"], { mark: string; values: Map<string, unknown> }>();
/** At most this many kept values a connection, so their memory stays bounded (a list's matches are the largest). */
const MAX_KEPT = 500;

/**
 * Values computed from the database, kept until the database changes: a
 * commit by another connection (another worker, the scheduled jobs:
 * `PRAGMA data_version`) or a change made through this one
 * (`total_changes()`) drops every kept value of the connection. For reads
 * that cost far more than those two statements (which customers a list's
 * search matches, the unfiltered list's count) and whose
 * answer depends on the data alone, never on the time. `get` before the
 * read, `set` after it.
 */
export function keptWhileUnchanged<T>(key: string): { get(): T | undefined; set(value: T): void } {
  const client = getDb().$client;
  const version = (prepared("pragma data_version").get() as { data_version: number }).data_version;
  const changes = (prepared("select total_changes() as n").get() as { n: number }).n;
  const mark = `${version}:${changes}`;
  let kept = keptOf.get(client);
  if (!kept || kept.mark !== mark || kept.values.size >= MAX_KEPT) keptOf.set(client, (kept = { mark, values: new Map() }));
  const values = kept.values;
  return { get: () => values.get(key) as T | undefined, set: (value) => void values.set(key, value) };
}

/** Drops the connection's kept values (tests that count the statements a read runs). */
export function forgetKeptValues(): void {
  keptOf.delete(getDb().$client);
}
