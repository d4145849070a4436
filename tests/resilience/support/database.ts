/**
 * Reading the server's SQLite file directly (better-sqlite3), as an operator
 * would after a crash: while the server runs (WAL: a reader never blocks the
 * writer) or after it stopped.
 */
import Database from "better-sqlite3";

export function openReadOnly(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  return db;
}

/** Runs `read` on a read-only connection that is closed afterwards. */
export function withDatabase<T>(file: string, read: (db: Database.Database) => T): T {
  const db = openReadOnly(file);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function customerIdByLegalName(db: Database.Database, legalName: string): number {
  const row = db.prepare("SELECT id FROM customers WHERE legal_name = ?").get(legalName) as { id: number } | undefined;
  if (!row) throw new Error(`No customer ${legalName}`);
  return row.id;
}

export function partnerIdByName(db: Database.Database, name: string): number {
  const row = db.prepare("SELECT id FROM partners WHERE name = ?").get(name) as { id: number } | undefined;
  if (!row) throw new Error(`No partner ${name}`);
  return row.id;
}

/**
 * Everything a change could touch, in one comparable object: the row count
 * of every table, and the customers' and groups' contents.
 */
export function snapshot(db: Database.Database): Record<string, unknown> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (t) => t.name,
  );
  const counts: Record<string, number> = {};
  for (const table of tables) {
    counts[table] = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  }
  return {
    counts,
    customers: db
      .prepare(
        "SELECT id, display_name, version, billing_type, link_state, unlink_scheduled_for, partner_assistance, updated_at FROM customers ORDER BY id",
      )
      .all(),
    groups: db.prepare("SELECT id, name FROM groups ORDER BY id").all(),
    customerGroups: db.prepare("SELECT * FROM customer_groups ORDER BY 1, 2").all(),
    // Who is signed in, and as whom (a launch changes the session's data, not the
    // count); not its expiry, which any request of a signed-in user moves.
    sessions: db.prepare("SELECT id_hash, data FROM sessions ORDER BY 1").all(),
  };
}

export type RenameRecord = {
  version: number;
  displayName: string;
  /** The names of its "customer.rename" activity rows, oldest first. */
  activityNames: string[];
  /** The names of its CRM outbox rows (account upserts), oldest first. */
  outboxNames: string[];
};

/** A customer's version, name, and the rename activity and outbox rows written for it. */
export function renameRecord(db: Database.Database, customerId: number): RenameRecord {
  const customer = db.prepare("SELECT version, display_name FROM customers WHERE id = ?").get(customerId) as {
    version: number;
    display_name: string;
  };
  const activities = db
    .prepare("SELECT after FROM activities WHERE customer_id = ? AND kind = 'customer.rename' ORDER BY id")
    .all(customerId) as { after: string }[];
  const outbox = db
    .prepare("SELECT payload FROM crm_outbox WHERE customer_id = ? AND kind = 'account.upsert' ORDER BY id")
    .all(customerId) as { payload: string }[];
  return {
    version: customer.version,
    displayName: customer.display_name,
    activityNames: activities.map((a) => (JSON.parse(a.after) as { displayName: string }).displayName),
    outboxNames: outbox.map((o) => (JSON.parse(o.payload) as { name: string }).name),
  };
}

/** Customers of a partner that its Super Admin may rename (linked, active, not a managed order), by id. */
export function renamableCustomers(db: Database.Database, partnerName: string, count: number): number[] {
  return (
    db
      .prepare(
        `SELECT c.id FROM customers c JOIN partners p ON p.id = c.partner_id
         WHERE p.name = ? AND c.managed_order = 0 AND c.link_state = 'linked' AND c.status = 'active'
         ORDER BY c.id LIMIT ?`,
      )
      .all(partnerName, count) as { id: number }[]
  ).map((r) => r.id);
}

/** PRAGMA integrity_check and foreign_key_check, on a connection that may write (after the server stopped). */
export function checkIntegrity(file: string): { integrity: string; foreignKeyErrors: number } {
  const db = new Database(file, { fileMustExist: true });
  try {
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
    const foreignKeyErrors = (db.pragma("foreign_key_check") as unknown[]).length;
    return { integrity, foreignKeyErrors };
  } finally {
    db.close();
  }
}
