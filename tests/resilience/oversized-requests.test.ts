/**
 * Issue 18: one form post must never freeze a worker. Every route with an
 * action gets, from a signed-in Super Admin, a 5 MB form body, a 5 MB
 * multipart body, a 1 MB single field, 10,000 fields and the same 5 MB sent
 * without a length (chunked); each is refused with a 4xx within a second,
 * and a normal page is served within a second right after, by both workers
 * (the cluster hands new connections to its workers in turn). Then the
 * watchdog: a worker whose event loop stops is reported and replaced, and
 * the service goes on (docs/decisions/0021-request-limits.md).
 */
import fs from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTS } from "../support/accounts";
import { customerIdByLegalName, partnerIdByName, withDatabase } from "./support/database";
import { sameOriginPost, send, signIn, type RawResponse } from "./support/http";
import { appRoutes, fillPattern } from "./support/routes";
import { freshDatabase, portFor, sleep, startServer, type Server } from "./support/server";

const MB = 1024 * 1024;
/** What one refusal, or one page after them, may take. */
const ANSWER_MS = 1_000;
/** The watchdog's bound for this server: shorter than the production default (10 s), so the test is quick. */
const WATCHDOG_MS = 2_000;

let server: Server;
let cookie: string;
let params: Record<string, string>;

beforeAll(async () => {
  const databaseFile = freshDatabase("oversized");
  params = withDatabase(databaseFile, (db) => {
    const northwind = partnerIdByName(db, "Northwind Security");
    const group = db.prepare("SELECT id FROM groups WHERE partner_id = ? ORDER BY id LIMIT 1").get(northwind) as { id: number };
    return { customerId: String(customerIdByLegalName(db, "Hooli")), groupId: String(group.id), "*": "nothing-here" };
  });
  server = await startServer({ port: portFor(5), databaseFile, workers: 2, env: { WATCHDOG_MS: String(WATCHDOG_MS) } });
  cookie = await signIn(server.port, ACCOUNTS.northwindSuper);
});

afterAll(async () => {
  await server?.stop();
});

const BOUNDARY = "----partner-console-test";

/** The hostile bodies, each with its Content-Type. */
function bodies(): { name: string; type: string; body: Buffer }[] {
  const multipart = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="displayName"\r\n\r\n${"a".repeat(5 * MB)}\r\n--${BOUNDARY}--\r\n`,
  );
  return [
    { name: "a 5 MB form", type: "application/x-www-form-urlencoded", body: Buffer.from(`displayName=${"a".repeat(5 * MB)}&version=1`) },
    { name: "a 5 MB multipart form", type: `multipart/form-data; boundary=${BOUNDARY}`, body: multipart },
    { name: "a 1 MB field", type: "application/x-www-form-urlencoded", body: Buffer.from(`name=${"b".repeat(MB)}`) },
    // 40 KB: within the size limit, over the number of fields.
    { name: "10,000 fields", type: "application/x-www-form-urlencoded", body: Buffer.from("a=1&".repeat(10_000)) },
  ];
}

/** A POST whose body is sent in chunks, without a Content-Length; resolves with the status and the time taken. */
function postChunked(path: string, megabytes: number): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const request = http.request(
      {
        host: "127.0.0.1",
        port: server.port,
        path,
        method: "POST",
        agent: false,
        headers: { ...sameOriginPost(server.port, cookie), "Transfer-Encoding": "chunked" },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - start }));
      },
    );
    request.setTimeout(10_000, () => request.destroy(new Error(`no answer to the chunked POST to ${path} within 10 s`)));
    // The server answers before the whole body is sent and closes the connection.
    request.on("error", (error) => (request.writableEnded ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, "c");
    let sent = 0;
    const pump = () => {
      while (sent < megabytes * MB && !request.destroyed) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      request.end();
    };
    request.write("displayName=");
    pump();
  });
}

async function timed(run: () => Promise<RawResponse>): Promise<{ status: number; ms: number }> {
  const start = performance.now();
  const response = await run();
  return { status: response.status, ms: performance.now() - start };
}

/** Four pages on new connections, so each worker serves two (round robin); each within ANSWER_MS. */
async function expectPagesServed() {
  for (let i = 0; i < 4; i += 1) {
    const page = await timed(() =>
      send(server.port, { method: "GET", path: "/customers", headers: { Cookie: cookie } }, { timeoutMs: 5_000 }),
    );
    expect(page.status).toBe(200);
    expect(page.ms).toBeLessThan(ANSWER_MS);
  }
}

const actionRoutes = (await appRoutes()).filter((route) => route.hasAction);

describe("oversized form posts", () => {
  it("every route with an action is tried", () => {
    expect(actionRoutes.map((route) => route.pattern)).toEqual(
      expect.arrayContaining(["/customers/:customerId/name", "/sign-in", "/groups", "/customers/trial"]),
    );
  });

  it.each(actionRoutes.map((route) => [route.pattern, route] as const))(
    "%s refuses each with a 4xx within a second, and pages are served right after",
    async (_pattern, route) => {
      const path = fillPattern(route.pattern, params);
      for (const { name, type, body } of bodies()) {
        const answer = await timed(() =>
          send(
            server.port,
            { method: "POST", path, headers: { ...sameOriginPost(server.port, cookie), "Content-Type": type }, body },
            { timeoutMs: 5_000 },
          ),
        );
        expect(answer.status, `${name} to ${path}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${name} to ${path}`).toBeLessThan(500);
        expect(answer.ms, `${name} to ${path}`).toBeLessThan(ANSWER_MS);
      }
      const chunked = await postChunked(path, 5);
      expect(chunked.status, `chunked 5 MB to ${path}`).toBeGreaterThanOrEqual(400);
      expect(chunked.status, `chunked 5 MB to ${path}`).toBeLessThan(500);
      expect(chunked.ms, `chunked 5 MB to ${path}`).toBeLessThan(ANSWER_MS);
      await expectPagesServed();
    },
  );

  it("a refused form is the app's 413 page, in the user's language", async () => {
    const response = await send(server.port, {
      method: "POST",
      path: fillPattern("/customers/:customerId/name", params),
      headers: sameOriginPost(server.port, cookie),
      body: `displayName=${"a".repeat(5 * MB)}`,
    });
    expect(response.status).toBe(413);
    const html = response.body.toString("utf8");
    expect(html).toContain("<title>The form sent too much");
    expect(html).toMatch(/<h1[^>]*>The form sent too much<\/h1>/);
  });
});

/** The primary's live worker pids. */
function workerPids(): number[] {
  const text = fs.readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, "utf8");
  return text.trim().split(/\s+/).filter(Boolean).map(Number);
}

describe("the watchdog", () => {
  it("replaces a worker whose event loop stops, and the service goes on", async () => {
    const [stuck, other] = workerPids();
    expect(stuck).toBeDefined();
    expect(other).toBeDefined();
    // SIGSTOP: the process is alive but runs nothing, as a worker in an endless loop would be.
    process.kill(stuck!, "SIGSTOP");
    const deadline = Date.now() + WATCHDOG_MS + 10_000;
    while (Date.now() < deadline && (workerPids().includes(stuck!) || workerPids().length < 2)) await sleep(200);
    expect(workerPids()).not.toContain(stuck);
    expect(workerPids()).toContain(other);
    expect(workerPids()).toHaveLength(2);
    expect(server.output()).toMatch(new RegExp(`Worker ${stuck} has not answered for \\d+ s`));
    // The replacement serves as soon as it listens.
    await sleep(1_000);
    await expectPagesServed();
  });
});
