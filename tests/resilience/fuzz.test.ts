/**
 * Issue 10 (hardening): the production server (node server.js, a cluster of
 * two workers, the production build) answers thousands of hostile requests
 * over every route without a 5xx, without an answer that lacks the security
 * headers, without showing a stack trace, a file path or SQL, and without
 * accepting a single form posted from another site.
 *
 * The requests come from a seed (FUZZ_SEED; FUZZ_REQUESTS sets how many), so
 * a failure can be replayed; the failure message lists the first offending
 * requests of each kind.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTS } from "../support/accounts";
import { excerptOf, problemsOf, report, type Finding } from "./support/checks";
import { customerIdByLegalName, partnerIdByName, snapshot, withDatabase } from "./support/database";
import { generateFuzzRequests, type FuzzContext, type FuzzRequest } from "./support/fuzz-cases";
import { connectionResets, formBody, keepAliveAgent, sameOriginPost, send, sendRaw, signIn } from "./support/http";
import { appRoutes } from "./support/routes";
import { buildRoot, freshDatabase, portFor, startServer, type Server } from "./support/server";

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
/** Hostile requests for each route, raw paths and malformed HTTP among them (about 1 in 6); FUZZ_REQUESTS sets the total instead. */
const PER_ROUTE = 60;
const requestsFor = (routes: number) => Number(process.env.FUZZ_REQUESTS ?? PER_ROUTE * routes);
/** Requests in flight at once: enough to keep both workers busy, not so many that the machine swaps. */
const IN_FLIGHT = 6;

let server: Server;
let databaseFile: string;
let ctx: FuzzContext;
let named: { vandelay: number; hooli: number; stark: number; emea: number; vip: number };

beforeAll(async () => {
  databaseFile = freshDatabase("fuzz");
  const port = portFor(0);
  const data = withDatabase(databaseFile, (db) => {
    const northwind = partnerIdByName(db, "Northwind Security");
    const contoso = partnerIdByName(db, "Contoso IT");
    const ids = (sql: string, ...args: unknown[]) => (db.prepare(sql).all(...args) as { id: number }[]).map((r) => r.id);
    const group = (name: string) => ids("SELECT id FROM groups WHERE partner_id = ? AND name = ?", northwind, name)[0]!;
    return {
      ids: {
        ownCustomers: ids("SELECT id FROM customers WHERE partner_id = ? ORDER BY id LIMIT 12", northwind),
        otherCustomers: ids("SELECT id FROM customers WHERE partner_id = ?", contoso),
        ownGroups: ids("SELECT id FROM groups WHERE partner_id = ?", northwind),
        missing: (db.prepare("SELECT max(id) + 1000 AS id FROM customers").get() as { id: number }).id,
      },
      named: {
        vandelay: customerIdByLegalName(db, "Vandelay Industries"),
        hooli: customerIdByLegalName(db, "Hooli"),
        stark: customerIdByLegalName(db, "Stark Retail"),
        emea: group("EMEA"),
        vip: group("VIP"),
      },
    };
  });
  named = data.named;
  server = await startServer({ port, databaseFile, workers: 2 });
  const signedOut = await signIn(port, ACCOUNTS.northwindHelpdesk);
  await send(port, { method: "POST", path: "/sign-out", headers: sameOriginPost(port, signedOut), body: "" });
  ctx = {
    port,
    routes: await appRoutes(),
    cookies: {
      super: await signIn(port, ACCOUNTS.northwindSuper),
      admin: await signIn(port, ACCOUNTS.northwindAdmin),
      readonly: await signIn(port, ACCOUNTS.northwindReadonly),
      contoso: await signIn(port, ACCOUNTS.contosoSuper),
      customerAdmin: await signIn(port, ACCOUNTS.acmeCustomerAdmin),
      signedOut,
    },
    ids: data.ids,
    assets: publicAssets().slice(0, 6),
  };
});

afterAll(async () => {
  await server?.stop();
});

/** A few real files of the build's build/client/assets (served at /assets/), as URLs. */
function publicAssets(): string[] {
  const root = path.join(buildRoot(), "build/client/assets");
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((file) => fs.statSync(path.join(root, file)).isFile())
    .map((file) => `/assets/${file.split(path.sep).join("/")}`);
}

/** Bodies larger than this may be refused before they are read (see sendAll). */
const LARGE_BODY_BYTES = 1_000_000;
/** Large-bodied requests whose connection the server closed while the body was still being sent. */
let closedWhileBodySent = 0;

type Run = { findings: Finding[]; statuses: Map<number | "none", number>; sent: number; seconds: number };

/** Sends every request, IN_FLIGHT at a time, and checks every answer. */
async function sendAll(requests: FuzzRequest[]): Promise<Run> {
  const agent = keepAliveAgent(IN_FLIGHT);
  const findings: Finding[] = [];
  const statuses = new Map<number | "none", number>();
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      try {
        const response = request.raw === undefined ? await send(ctx.port, request, { agent }) : await sendRaw(ctx.port, request.raw);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const reasons = problemsOf(request, response);
        if (reasons.length > 0) findings.push({ request, status: response.status, reasons, excerpt: excerptOf(request, response, reasons) });
      } catch (error) {
        statuses.set("none", (statuses.get("none") ?? 0) + 1);
        // A server may answer a request it refuses (a 2 MB form to a page that
        // needs signing in) without reading its whole body, and close the
        // connection: the client, still writing, sees the reset before it
        // reads the answer. That is a refusal, not a missing answer.
        const message = (error as Error).message;
        const bodyBytes = typeof request.body === "string" ? request.body.length : (request.body?.length ?? 0);
        if (bodyBytes > LARGE_BODY_BYTES && /^write (ECONNRESET|EPIPE)/.test(message)) {
          closedWhileBodySent += 1;
          continue;
        }
        findings.push({ request, status: null, reasons: ["no answer"], excerpt: message });
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  agent.destroy();
  return { findings, statuses, sent: requests.length, seconds: (Date.now() - started) / 1000 };
}

function count(findings: Finding[], reason: Finding["reasons"][number]): number {
  return findings.filter((f) => f.reasons.includes(reason)).length;
}

function statusLine(statuses: Run["statuses"]): string {
  return [...statuses]
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
    .map(([status, n]) => `${status}×${n}`)
    .join(" ");
}

describe("the production server under hostile requests", () => {
  it("refuses a form posted from another site on every route with an action, and changes nothing", async () => {
    const port = ctx.port;
    const victim = await signIn(port, ACCOUNTS.northwindSuper);
    const forms: Record<string, { form: Record<string, string | string[]>; cookie?: string }> = {
      [`/customers/${named.vandelay}/name`]: { form: { displayName: "Renamed From Elsewhere", version: "1" } },
      "/groups": { form: { name: "Made From Elsewhere" } },
      [`/groups/${named.emea}/rename`]: { form: { name: "Renamed From Elsewhere" } },
      [`/groups/${named.vip}/delete`]: { form: {} },
      "/customers/unlink": { form: { ids: String(named.stark), confirmImmediate: "yes" } },
      "/customers/billing": { form: { ids: String(named.vandelay) } },
      [`/customers/${named.vandelay}`]: { form: { intent: "addGroup", groupId: String(named.vip) } },
      [`/customers/${named.hooli}?launch`]: { form: { intent: "launch" } },
      // The list's rows' buttons (customers.tsx, RowActionsForm).
      "/customers": { form: { requestApproval: String(named.vandelay) } },
      "/customers?launch": { form: { launch: String(named.hooli) } },
      "/sign-in": { form: { email: ACCOUNTS.northwindSuper, password: "demo-pass-2026" }, cookie: "" },
      "/sign-out": { form: {}, cookie: victim },
      "/preferences": { form: { locale: "es", dataSaver: "on", redirectTo: "/customers" } },
      // React Router's own endpoint (lazy route discovery): read-only, but it must not answer another site's POST either.
      "/__manifest?p=%2Fcustomers&version=x": { form: {} },
    };
    // Every other route with an action gets a plausible form too.
    for (const route of ctx.routes.filter((r) => r.hasAction)) {
      const filled = route.pattern.replace(":customerId", String(named.vandelay)).replace(":groupId", String(named.emea)).replace("*", "anything");
      if (!Object.keys(forms).some((p) => p.split("?")[0] === filled)) forms[filled] = { form: { intent: "continue", name: "x" } };
    }
    const crossSiteHeaders: Record<string, string>[] = [
      { Origin: "https://evil.test", "Sec-Fetch-Site": "cross-site" },
      { Origin: "https://evil.test" },
      { Origin: "null" },
      { Origin: `http://127.0.0.1:${port + 100}` },
      { Origin: `https://127.0.0.1:${port}` },
      { Origin: `http://localhost:${port}` },
      { Origin: `http://127.0.0.1:${port}.evil.test` },
      { Origin: `http://127.0.0.1:${port}@evil.test` },
      { Origin: "garbage" },
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
      { Origin: `http://127.0.0.1:${port}`, "Sec-Fetch-Site": "cross-site" },
      { Origin: `http://127.0.0.1:${port}`, "Sec-Fetch-Site": "same-site" },
    ];
    const requests: FuzzRequest[] = [];
    for (const [target, { form, cookie }] of Object.entries(forms)) {
      for (const headers of crossSiteHeaders) {
        const jar = cookie ?? ctx.cookies.super;
        requests.push({
          method: "POST",
          path: target,
          target,
          who: jar ? "super" : "anonymous",
          crossSite: true,
          headers: { "Content-Type": "application/x-www-form-urlencoded", ...(jar ? { Cookie: jar } : {}), ...headers },
          body: formBody(form),
        });
      }
    }

    const before = withDatabase(databaseFile, snapshot);
    const run = await sendAll(requests);
    const after = withDatabase(databaseFile, snapshot);
    const accepted = count(run.findings, "cross-site POST accepted");
    const unchanged = JSON.stringify(before) === JSON.stringify(after);
    console.log(
      `cross-site POSTs: ${run.sent} sent to ${Object.keys(forms).length} routes, ${accepted} accepted, ` +
        `database ${unchanged ? "unchanged" : "CHANGED"}; 5xx: ${count(run.findings, "5xx")}, ` +
        `security headers missing: ${count(run.findings, "X-Content-Type-Options missing") + count(run.findings, "Content-Security-Policy missing")}; ` +
        `statuses ${statusLine(run.statuses)}`,
    );
    expect(run.findings, `problems with cross-site POSTs:${report(run.findings)}`).toHaveLength(0);
    expect(after, "a cross-site POST changed the database").toEqual(before);

    // The same rename from the app's own page works: the forms above were
    // valid, only where they came from was wrong.
    const control = await send(port, {
      method: "POST",
      path: `/customers/${named.vandelay}/name`,
      headers: sameOriginPost(port, ctx.cookies.super),
      body: formBody({ displayName: "Renamed At Home", version: "1" }),
    });
    expect(control.status).toBe(302);
    const version = withDatabase(databaseFile, (db) => db.prepare("SELECT version FROM customers WHERE id = ?").get(named.vandelay));
    expect(version).toEqual({ version: 2 });
  });

  it(`answers ${PER_ROUTE} hostile requests a route without a 5xx, a missing security header or a leak`, async () => {
    const requests = generateFuzzRequests(ctx, requestsFor(ctx.routes.length), SEED);
    const perRoute = new Map<string, number>();
    for (const r of requests) perRoute.set(r.target, (perRoute.get(r.target) ?? 0) + 1);

    const run = await sendAll(requests);
    const alive = await send(ctx.port, { method: "GET", path: "/sign-in" });
    const restarts = (server.output().match(/Worker \d+ stopped/g) ?? []).length;
    const findings = run.findings;
    const headersMissing = findings.filter(
      (f) => f.reasons.includes("X-Content-Type-Options missing") || f.reasons.includes("Content-Security-Policy missing"),
    ).length;
    const leaks = findings.filter((f) => f.reasons.some((r) => r.endsWith("in body"))).length;
    console.log(
      [
        `fuzz (seed ${SEED}): ${run.sent} requests over ${ctx.routes.length} routes, ${perRoute.get("(raw path)") ?? 0} raw paths and ${perRoute.get("(raw HTTP)") ?? 0} malformed HTTP requests in ${run.seconds.toFixed(1)} s`,
        `  5xx: ${count(findings, "5xx")}; security headers missing: ${headersMissing}; ` +
          `leaks (stack trace, file path, SQL): ${leaks}; cross-site POSTs accepted: ${count(findings, "cross-site POST accepted")} ` +
          `of ${requests.filter((r) => r.crossSite).length}; no answer: ${count(findings, "no answer")} ` +
          `(sent again after a connection reset: ${connectionResets}; closed while a body over 1 MB was sent: ${closedWhileBodySent}); workers restarted: ${restarts}`,
        `  statuses: ${statusLine(run.statuses)}`,
      ].join("\n"),
    );

    for (const route of ctx.routes) expect(perRoute.get(route.pattern), `requests to ${route.pattern}`).toBeGreaterThanOrEqual(40);
    expect(findings, `${findings.length} bad answers of ${run.sent}:${report(findings)}`).toHaveLength(0);
    expect(alive.status, "the server still answers after the fuzz").toBe(200);
    expect(restarts, `workers died during the fuzz:\n${server.output().slice(-3000)}`).toBe(0);
  });
});
