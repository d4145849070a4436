/**
 * Partners and users of a test's own, written straight into the e2e
 * server's database (WAL: the server sees them at its next read). Journeys
 * that turn a second factor on, or require one of every user, use these, so
 * the demo accounts every other spec signs in with keep no second factor
 * and their partners no requirement.
 */
import Database from "better-sqlite3";
import { hash } from "@node-rs/argon2";
import { DATABASE_FILE } from "./server-files";

export const FRESH_PASSWORD = "amber lantern drifts slowly";

let serial = 0;

/** A unique suffix for this run, worker and project: names and emails never meet across tests. */
export function uniqueTag(project: string): string {
  return `${project}-${process.pid}-${Date.now().toString(36)}-${++serial}`;
}

function open() {
  const db = new Database(DATABASE_FILE);
  db.pragma("busy_timeout = 5000");
  return db;
}

/** A partner with no programs; returns its id. */
export function createPartner(name: string): number {
  const db = open();
  try {
    return Number(db.prepare("insert into partners (name) values (?)").run(name).lastInsertRowid);
  } finally {
    db.close();
  }
}

export type FreshUser = { id: number; email: string; name: string; password: string };

/** An active partner user who sees all customers, signing in with FRESH_PASSWORD. */
export async function createUser(values: {
  partnerId: number;
  email: string;
  firstName: string;
  lastName: string;
  role: "super_admin" | "admin" | "help_desk" | "read_only";
}): Promise<FreshUser> {
  const passwordHash = await hash(FRESH_PASSWORD);
  const name = `${values.firstName} ${values.lastName}`;
  const db = open();
  try {
    const id = db
      .prepare(
        "insert into users (email, name, first_name, last_name, password_hash, kind, partner_id, role, designated_all, status)" +
          " values (?, ?, ?, ?, ?, 'partner', ?, ?, 1, 'active')",
      )
      .run(values.email.toLowerCase(), name, values.firstName, values.lastName, passwordHash, values.partnerId, values.role).lastInsertRowid;
    return { id: Number(id), email: values.email.toLowerCase(), name, password: FRESH_PASSWORD };
  } finally {
    db.close();
  }
}

/** A partner of the test's own with one user of each given role. */
export async function freshTeam(project: string, roles: readonly ("super_admin" | "admin" | "help_desk" | "read_only")[]) {
  const tag = uniqueTag(project);
  const partnerId = createPartner(`E2E Partner ${tag}`);
  const users = [];
  for (const [i, role] of roles.entries()) {
    users.push(await createUser({ partnerId, email: `user${i}-${tag}@e2e.test`, firstName: `User${i}`, lastName: "Tester", role }));
  }
  return { partnerId, users };
}
