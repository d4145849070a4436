import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The SQLite file: `DATABASE_URL` (a path, or `file:` followed by one), else `data/app.db`. */
export function resolveDatabasePath(url = process.env.DATABASE_URL): string {
  const raw = url && url.trim() !== "" ? url.trim().replace(/^file:(\/\/)?/, "") : "data/app.db";
  return path.resolve(raw);
}

/**
 * Opens the database with the pragmas every connection needs: foreign keys
 * enforced, WAL so readers never wait for the writer, and a busy timeout so a
 * second process (the seed, a test) waits instead of failing. The folder is
 * created when missing.
 */
export function openDatabase(file = resolveDatabasePath()): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return drizzle(sqlite, { schema }) as Db;
}

export const MIGRATIONS_FOLDER = path.resolve("db/migrations");

/** Applies every migration not yet applied (drizzle-kit output in db/migrations). */
export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
