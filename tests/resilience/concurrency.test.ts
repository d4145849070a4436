/**
 * Issue 10 (hardening): optimistic locking holds across the cluster. 100
 * renames of one customer sent at the same moment, each on a connection of
 * its own, all carrying the version the form was read at, to the production
 * server (two workers, two SQLite connections): exactly one is saved, every
 * other one is told of the conflict (409), and the database has exactly one
 * new activity row and one new outbox row, both with the winner's name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTS } from "../support/accounts";
import { renamableCustomers, renameRecord, withDatabase } from "./support/database";
import { postRename, signIn } from "./support/http";
import { freshDatabase, portFor, startServer, type Server } from "./support/server";

const RACERS = 100;

let server: Server;
let databaseFile: string;

beforeAll(async () => {
  databaseFile = freshDatabase("concurrency");
  server = await startServer({ port: portFor(2), databaseFile, workers: 2 });
});

afterAll(async () => {
  await server?.stop();
});

/** The errors the server logged (first lines of each), for a failure message. */
function serverErrors(output: string): string {
  const lines = output.split("\n");
  const picked = lines.flatMap((line, i) => (/error|SQLITE|busy|locked/i.test(line) ? lines.slice(i, i + 4) : []));
  return [...new Set(picked)].slice(0, 40).join("\n") || output.slice(-2000);
}

describe("renames racing for the same version", () => {
  it(`of ${RACERS} concurrent renames carrying the same version exactly one is saved, with one activity and one outbox row`, async () => {
    const port = server.port;
    // Two users' sessions (a Super Admin twice), so the race is not one session's.
    const cookies = [await signIn(port, ACCOUNTS.northwindSuper), await signIn(port, ACCOUNTS.northwindSuper)];
    const [customerId] = withDatabase(databaseFile, (db) => renamableCustomers(db, "Northwind Security", 1));
    const rounds: string[] = [];

    // Two rounds on the same customer: the second races for the version the first one's winner made.
    for (let round = 1; round <= 2; round += 1) {
      const before = withDatabase(databaseFile, (db) => renameRecord(db, customerId!));
      const names = Array.from({ length: RACERS }, (_, i) => `Race ${round} Runner ${i + 1}`);
      const started = Date.now();
      const responses = await Promise.all(
        names.map(async (name, i) => {
          const response = await postRename(port, cookies[i % cookies.length]!, customerId!, name, before.version);
          return { ...response, ms: Date.now() - started };
        }),
      );
      const after = withDatabase(databaseFile, (db) => renameRecord(db, customerId!));

      const statuses = new Map<number, number>();
      for (const r of responses) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      const winners = names.filter((_, i) => responses[i]!.status === 302);
      const newActivities = after.activityNames.slice(before.activityNames.length);
      const newOutbox = after.outboxNames.slice(before.outboxNames.length);
      rounds.push(
        `round ${round}: ${RACERS} renames at version ${before.version} → ` +
          [...statuses].map(([status, n]) => `${n} × ${status}`).join(", ") +
          `; version now ${after.version}; activity rows +${newActivities.length}, outbox rows +${newOutbox.length}; ` +
          `all answered within ${Math.max(...responses.map((r) => r.ms))} ms`,
      );

      const odd = responses.filter((r) => r.status !== 302 && r.status !== 409);
      expect(
        Object.fromEntries(statuses),
        "one 302 (saved), every other answer 409 (conflict)" +
          (odd.length
            ? `; the odd answers came after ${odd.map((r) => r.ms).join(", ")} ms ` +
              `(the slowest 409 after ${Math.max(0, ...responses.filter((r) => r.status === 409).map((r) => r.ms))} ms); ` +
              `the first one's body: ${JSON.stringify(odd[0]!.body.toString("utf8").slice(0, 300))}\nthe server said:\n${serverErrors(server.output())}`
            : ""),
      ).toEqual({ 302: 1, 409: RACERS - 1 });
      expect(after.version).toBe(before.version + 1);
      expect(after.displayName).toBe(winners[0]);
      expect(newActivities).toEqual(winners);
      expect(newOutbox).toEqual(winners);
      // A loser's answer names the winner: the conflict message shows the current name.
      const loser = responses.find((r) => r.status === 409)!;
      expect(loser.body.toString("utf8")).toContain(winners[0]);
    }
    console.log(`concurrency (customer ${customerId}, 2 workers):\n  ${rounds.join("\n  ")}`);
  });

  it("signing in from several tabs at once works on every worker (the throttle counts each attempt under the write lock)", async () => {
    // Before, two workers counting the same key at once made SQLite answer
    // SQLITE_BUSY, which the sign-in turned into a bare 400.
    for (let round = 0; round < 3; round += 1) {
      const results = await Promise.allSettled(Array.from({ length: 4 }, () => signIn(server.port, ACCOUNTS.northwindHelpdesk)));
      const refused = results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason));
      expect(refused, `round ${round + 1}`).toEqual([]);
    }
  });
});
