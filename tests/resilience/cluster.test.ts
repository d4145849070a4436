/**
 * Issue 12 (every core) and decision 0016: the production server runs one
 * worker per core, exactly one of which does the background work; a worker
 * that dies is replaced, the duty passes to the replacement, and the work is
 * never done twice. Read from outside, as an operator would: the primary's
 * children in /proc, their environment, and the database.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDatabase } from "./support/database";
import { buildRoot, freshDatabase, portFor, startServer, type Server } from "./support/server";
import { REPO_ROOT } from "../support/paths";

let server: Server;
let databaseFile: string;
/** The customers whose unlink was due before the server started. */
let dueCustomerIds: number[];

beforeAll(async () => {
  databaseFile = freshDatabase("cluster");
  // Two monthly accounts whose scheduled unlink fell due yesterday: the
  // background worker completes them when it starts.
  const db = new Database(databaseFile);
  const yesterday = Date.now() - 24 * 60 * 60 * 1000;
  const rows = db
    .prepare("SELECT id FROM customers WHERE link_state = 'linked' ORDER BY id LIMIT 2")
    .all() as { id: number }[];
  dueCustomerIds = rows.map((row) => row.id);
  const schedule = db.prepare("UPDATE customers SET link_state = 'unlink_scheduled', unlink_scheduled_for = ? WHERE id = ?");
  for (const id of dueCustomerIds) schedule.run(yesterday, id);
  db.close();
  server = await startServer({ port: portFor(3), databaseFile, workers: 2, backgroundWork: true });
});

afterAll(async () => {
  await server?.stop();
});

/** The primary's live worker processes, with their background duty. */
function workers(primaryPid: number): { pid: number; background: boolean }[] {
  const children = fs
    .readFileSync(`/proc/${primaryPid}/task/${primaryPid}/children`, "utf8")
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  return children.flatMap((pid) => {
    try {
      const environment = fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      return [{ pid, background: environment.includes("BACKGROUND_WORK=on") }];
    } catch {
      return []; // Gone meanwhile.
    }
  });
}

async function waitFor<T>(what: string, read: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function completedUnlinkRows(): number {
  return withDatabase(databaseFile, (db) => {
    const marks = dueCustomerIds.map(() => "?").join(",");
    const row = db
      .prepare(`SELECT count(*) AS n FROM activities WHERE kind = 'customer.unlinkCompleted' AND customer_id IN (${marks})`)
      .get(...dueCustomerIds) as { n: number };
    return row.n;
  });
}

describe("the cluster", () => {
  it("runs two workers, exactly one with the background work, and completes due unlinks once", async () => {
    const started = workers(server.pid);
    console.log(`cluster: workers ${started.map((w) => `${w.pid}${w.background ? " (background)" : ""}`).join(", ")}`);
    expect(started).toHaveLength(2);
    expect(started.filter((w) => w.background)).toHaveLength(1);
    await waitFor("the due unlinks to complete", () => (completedUnlinkRows() === dueCustomerIds.length ? true : undefined));
    const states = withDatabase(databaseFile, (db) =>
      dueCustomerIds.map((id) => (db.prepare("SELECT link_state FROM customers WHERE id = ?").get(id) as { link_state: string }).link_state),
    );
    expect(states).toEqual(dueCustomerIds.map(() => "unlinked"));
  });

  it("replaces a worker killed with kill -9, hands its background duty to the replacement, and keeps serving", async () => {
    const before = workers(server.pid);
    const dutyHolder = before.find((w) => w.background)!;
    process.kill(dutyHolder.pid, "SIGKILL");
    const after = await waitFor("a replacement worker", () => {
      const now = workers(server.pid);
      return now.length === 2 && !now.some((w) => w.pid === dutyHolder.pid) ? now : undefined;
    });
    console.log(`cluster: killed ${dutyHolder.pid}; workers now ${after.map((w) => `${w.pid}${w.background ? " (background)" : ""}`).join(", ")}`);
    expect(after.filter((w) => w.background)).toHaveLength(1);
    expect(after.find((w) => w.background)!.pid).not.toBe(dutyHolder.pid);

    // Served by whichever worker takes each connection.
    for (let i = 0; i < 6; i += 1) {
      const response = await fetch(`${server.origin}/sign-in`, { headers: { connection: "close" } });
      await response.arrayBuffer();
      expect(response.status).toBe(200);
    }
    // The replacement ran the unlink job at its start too: nothing was done twice.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(completedUnlinkRows()).toBe(dueCustomerIds.length);
  });

  it("gives up with exit code 1 when its workers cannot start (the port is taken), instead of restarting them forever", async () => {
    const port = portFor(4);
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(port, "127.0.0.1", resolve));
    try {
      const child = spawn(process.execPath, ["server.js"], {
        cwd: REPO_ROOT,
        stdio: "ignore",
        env: {
          ...process.env,
          NODE_ENV: "production",
          HOST: "127.0.0.1",
          PORT: String(port),
          WEB_CONCURRENCY: "2",
          DATABASE_URL: databaseFile,
          BACKGROUND_WORK: "off",
          SESSION_SECRET: "resilience-test-session-secret-not-for-production",
          BUILD_DIR: buildRoot(),
        },
      });
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          resolve(null);
        }, 30_000);
        child.once("exit", (exitCode) => {
          clearTimeout(timer);
          resolve(exitCode);
        });
      });
      expect(code).toBe(1);
    } finally {
      squatter.close();
    }
  });
});
