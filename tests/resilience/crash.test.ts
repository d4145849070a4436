/**
 * Issue 10 (hardening): what a client was told is saved stays saved. Several
 * clients rename customers in a loop through the real form while the whole
 * production server (primary and workers) is killed with SIGKILL twice, in
 * the middle of their requests, and started again on the same database.
 * Afterwards SQLite's integrity check passes, and every rename a client saw
 * succeed (a 302) is in the database with its activity row and its CRM
 * outbox row; and no customer has a rename without both (one transaction).
 */
import { afterAll, describe, expect, it } from "vitest";
import { ACCOUNTS } from "../support/accounts";
import { checkIntegrity, renamableCustomers, renameRecord, withDatabase, type RenameRecord } from "./support/database";
import { renameThroughForm, signIn } from "./support/http";
import { freshDatabase, portFor, sleep, startServer, type Server } from "./support/server";

const CLIENTS = 4;
const CUSTOMERS = 6;
/** How long the clients run in each life of the server, before it is killed (or, the last time, stopped). */
const LIFE_MS = 2_500;
/** The server's lives: the cluster, then a single process, then the cluster again. */
const LIVES = [2, 1, 2];

let server: Server | undefined;

afterAll(async () => {
  await server?.stop();
});

describe("killing the server with SIGKILL in the middle of renames", () => {
  it("keeps every rename a client saw succeed, with its activity and outbox rows, and an intact database", async () => {
    const databaseFile = freshDatabase("crash");
    const port = portFor(1);
    const customers = withDatabase(databaseFile, (db) => renamableCustomers(db, "Northwind Security", CUSTOMERS));
    const before = new Map(withDatabase(databaseFile, (db) => customers.map((id) => [id, renameRecord(db, id)] as const)));

    server = await startServer({ port, databaseFile, workers: LIVES[0] });
    // Sessions live in the database: they outlast the kills, as a user's would.
    const cookies = await Promise.all(Array.from({ length: CLIENTS }, () => signIn(port, ACCOUNTS.northwindSuper)));

    const seen: { customerId: number; name: string; life: number }[] = [];
    const tally = { attempts: 0, conflicts: 0, networkErrors: 0, unexpected: [] as string[] };
    let life = 0;
    let running = true;
    const client = async (c: number) => {
      for (let n = 1; running; n += 1) {
        const customerId = customers[(c + n) % customers.length]!;
        const name = `Crash c${c} n${n}`;
        const lifeAtStart = life;
        tally.attempts += 1;
        try {
          const { status } = await renameThroughForm(port, cookies[c]!, customerId, name);
          if (status === 302) seen.push({ customerId, name, life: lifeAtStart });
          else if (status === 409) tally.conflicts += 1;
          else tally.unexpected.push(`${name}: ${status}`);
        } catch (error) {
          const status = (error as { status?: number }).status;
          if (status !== undefined) tally.unexpected.push(`${name}: form ${status}`);
          else tally.networkErrors += 1;
          await sleep(50);
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));

    for (let next = 1; next < LIVES.length; next += 1) {
      await sleep(LIFE_MS);
      await server.kill9();
      life = next;
      server = await startServer({ port, databaseFile, workers: LIVES[next] });
    }
    await sleep(LIFE_MS);
    running = false;
    await Promise.all(clients);
    await server.stop();
    server = undefined;

    const { integrity, foreignKeyErrors } = checkIntegrity(databaseFile);
    const after = new Map(withDatabase(databaseFile, (db) => customers.map((id) => [id, renameRecord(db, id)] as const)));
    const added = (id: number, pick: (r: RenameRecord) => string[]) => pick(after.get(id)!).slice(pick(before.get(id)!).length);
    const lost = seen.filter(
      ({ customerId, name }) =>
        !added(customerId, (r) => r.activityNames).includes(name) || !added(customerId, (r) => r.outboxNames).includes(name),
    );
    const committed = customers.reduce((sum, id) => sum + added(id, (r) => r.activityNames).length, 0);
    console.log(
      `crash: ${LIVES.length - 1} × kill -9 of the whole server (workers per life: ${LIVES.join(", ")}), ${CLIENTS} clients, ` +
        `${tally.attempts} renames tried; renames seen ${seen.length}, kept ${seen.length - lost.length}, lost ${lost.length}; ` +
        `saved but never answered ${committed - seen.length}; conflicts ${tally.conflicts}; cut off ${tally.networkErrors}; ` +
        `integrity_check ${integrity}; foreign key errors ${foreignKeyErrors}`,
    );

    expect(integrity).toBe("ok");
    expect(foreignKeyErrors).toBe(0);
    expect(lost, "renames a client saw succeed but the database does not have").toEqual([]);
    for (const id of customers) {
      const a = after.get(id)!;
      const renames = added(id, (r) => r.activityNames);
      // Each rename is one transaction: a version bump, an activity row and an outbox row, or none of them.
      expect(added(id, (r) => r.outboxNames), `customer ${id}: outbox rows match its activity rows`).toEqual(renames);
      expect(a.version - before.get(id)!.version, `customer ${id}: one version per rename`).toBe(renames.length);
      if (renames.length > 0) expect(a.displayName).toBe(renames.at(-1));
    }
    expect(tally.unexpected, "answers other than 302 and 409").toEqual([]);
    // The run did what it claims: renames succeeded in every life of the server, and the kills cut clients off.
    for (let l = 0; l < LIVES.length; l += 1) expect(seen.filter((s) => s.life === l).length, `renames seen in life ${l + 1}`).toBeGreaterThan(0);
    expect(tally.networkErrors).toBeGreaterThan(0);
  });
});
