/**
 * How sessions are stored and read (docs/decisions/0002-sessions-and-sign-in.md):
 * one read of the session per request however many loaders ask, and the
 * migration to hashed ids, which drops the sessions of before.
 */
import fs from "node:fs";
import path from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "~/db.server";
import { getSession, setLaunchedCustomer } from "~/services/session.server";
import { currentRequestScope, runInRequestScope } from "~/services/request-scope.server";
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase } from "../../db/client";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { get } from "../support/http";
import { loadPage } from "../support/routes";
import { TMP_DIR } from "../support/paths";

/** The SQL statements that touch the sessions table while `run` runs. */
async function sessionStatements(run: () => Promise<unknown>): Promise<string[]> {
  // Statements run, not statements compiled: the session read is compiled
  // once and kept (db.server.ts, `prepared`).
  const Statement = getDb().$client.prepare("select 1").constructor as {
    prototype: Record<"get" | "all" | "run", (...args: unknown[]) => unknown>;
  };
  const seen: string[] = [];
  const spies = (["get", "all", "run"] as const).map((method) => {
    const original = Statement.prototype[method];
    return vi.spyOn(Statement.prototype, method).mockImplementation(function (this: { source: string }, ...args: unknown[]) {
      if (/\bsessions\b/.test(this.source)) seen.push(this.source);
      return original.apply(this, args);
    });
  });
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return seen;
}

describe("the session, read once per request", () => {
  it("a page whose root and page loaders both ask reads the session once in a request scope", async () => {
    const jar = await sessionFor(ACCOUNTS.northwindSuper);
    const request = get("/customers", { cookie: jar });

    // Without a scope (as before): each loader reads it.
    const unscoped = await sessionStatements(async () => expect((await loadPage(request)).status).toBe(200));
    expect(unscoped.filter((sql) => sql.startsWith("select")).length).toBeGreaterThanOrEqual(2);

    // In the request's scope, as server.js runs every request: one SELECT.
    const scoped = await sessionStatements(() =>
      runInRequestScope(async () => expect((await loadPage(request)).status).toBe(200)),
    );
    expect(scoped).toHaveLength(1);
    expect(scoped[0]).toMatch(/^select .* from "?sessions"? /);
  });

  it("a change to the session in the request is seen by what reads it afterwards", async () => {
    const jar = await sessionFor(ACCOUNTS.northwindSuper);
    const request = get("/customers", { cookie: jar });
    await runInRequestScope(async () => {
      expect((await getSession(request)).get("launchedCustomer")).toBeUndefined();
      await setLaunchedCustomer(request, { id: 1, name: "Hooli" });
      expect((await getSession(request)).get("launchedCustomer")).toEqual({ id: 1, name: "Hooli" });
    });
  });

  it("a scope forgotten when its response is done holds nothing more, though code of the request still sees it", async () => {
    const jar = await sessionFor(ACCOUNTS.northwindSuper);
    const request = get("/customers", { cookie: jar });
    await runInRequestScope(async (forget) => {
      await getSession(request);
      const scope = currentRequestScope()!;
      expect(scope.size).toBeGreaterThan(0);
      forget();
      expect(currentRequestScope()).toBe(scope);
      expect(scope.size).toBe(0);
      // Asked again after that, the session is read again, not lost.
      const again = await sessionStatements(() => getSession(request));
      expect(again).toHaveLength(1);
    });
  });

  it("checks a cookie's signature once, not on every read, and keeps refusing a tampered cookie", async () => {
    const jar = await sessionFor(ACCOUNTS.northwindSuper);
    const request = get("/customers", { cookie: jar });
    const verify = vi.spyOn(crypto.subtle, "verify");
    try {
      // Two requests with the same cookie, each with two loaders reading the session.
      for (let i = 0; i < 2; i++) {
        await runInRequestScope(async () => expect((await loadPage(request)).status).toBe(200));
      }
      expect(verify).toHaveBeenCalledTimes(1);

      verify.mockClear();
      // The signed value with its first character changed: its signature no longer matches.
      const value = jar.get("pc_session")!;
      const tampered = get("/customers", { cookie: jar.clone().set("pc_session", `${value[0] === "A" ? "B" : "A"}${value.slice(1)}`) });
      expect((await getSession(tampered)).get("userId")).toBeUndefined();
      expect((await getSession(tampered)).get("userId")).toBeUndefined();
      expect(verify).toHaveBeenCalledTimes(2);
    } finally {
      verify.mockRestore();
    }
  });

  it("two requests do not share a scope", async () => {
    const jar = await sessionFor(ACCOUNTS.northwindSuper);
    const request = get("/customers", { cookie: jar });
    const first = await sessionStatements(() => runInRequestScope(() => getSession(request)));
    const second = await sessionStatements(() => runInRequestScope(() => getSession(request)));
    expect([first.length, second.length]).toEqual([1, 1]);
  });
});

describe("the migration to hashed session ids", () => {
  it("drops the sessions stored under their ids and leaves a table keyed by the hash", () => {
    const folder = path.join(TMP_DIR, `migrations-before-hash-${process.pid}`);
    const file = path.join(TMP_DIR, `before-hash-${process.pid}.db`);
    fs.rmSync(folder, { recursive: true, force: true });
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalFile = path.join(folder, "meta/_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((entry) => entry.tag === "0005_hashed_session_ids");
    expect(at).toBeGreaterThan(0);
    fs.writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));

    const db = openDatabase(file);
    try {
      migrate(db, { migrationsFolder: folder });
      db.$client
        .prepare("INSERT INTO sessions (id, data, created_at, expires_at, absolute_expires_at) VALUES (?, ?, ?, ?, ?)")
        .run("a-live-session-id", '{"userId":1}', Date.now(), Date.now() + 3_600_000, Date.now() + 3_600_000);

      migrateDatabase(db);
      const columns = db.$client.prepare("SELECT name FROM pragma_table_info('sessions')").all() as { name: string }[];
      expect(columns.map((column) => column.name)).toContain("id_hash");
      expect(columns.map((column) => column.name)).not.toContain("id");
      expect(db.$client.prepare("SELECT count(*) AS n FROM sessions").get()).toEqual({ n: 0 });
    } finally {
      db.$client.close();
      fs.rmSync(folder, { recursive: true, force: true });
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    }
  });
});
