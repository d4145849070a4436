/**
 * The production server's request pipeline (server-pipeline.js), on a real
 * HTTP server with React Router's own Express adapter and request handler in
 * place of the app: what the app does not serve is a 4xx, never a 500; every
 * answer has the security headers; the browser's Origin reaches the app's
 * check, not React Router's. (tests/resilience runs the whole production build.)
 */
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import express from "express";
import { createRequestHandler } from "@react-router/express";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FALLBACK_HEADERS,
  MOVED_ORIGIN_HEADER,
  answerClientError,
  answerConnect,
  answerError,
  moveOriginHeader,
  refuseWhatTheAppDoesNotServe,
  withSecurityHeaders,
  API_PATH_PREFIXES as PIPELINE_API_PATH_PREFIXES,
} from "../../server-pipeline.js";
import { API_PATH_PREFIXES } from "~/services/partner-api.server";
import { expectDescribedByOpenApi } from "../support/partner-api";
import { MOVED_ORIGIN_HEADER as APP_MOVED_ORIGIN_HEADER } from "~/services/csrf.server";

const PAGE_CSP = "default-src 'self'; script-src 'self' 'nonce-abc'";

/** Answers, as JSON, what Fetch Request the adapter made: its address and its Origin headers. */
function echo({ request }: { request: Request }) {
  return Response.json({
    url: request.url,
    origin: request.headers.get("origin"),
    moved: request.headers.get(MOVED_ORIGIN_HEADER),
  });
}

/** A server build with one route, a resource route for every address that echoes the request. */
const echoBuild = {
  entry: { module: { default: () => new Response(null, { status: 500 }) } },
  routes: {
    root: { id: "root", path: "", module: {} },
    echo: { id: "echo", parentId: "root", path: "*", module: { loader: echo, action: echo } },
  },
  assets: { entry: { module: "/entry.js", imports: [] }, routes: {}, url: "/manifest.js", version: "test" },
  publicPath: "/",
  assetsBuildDirectory: "",
  future: {},
  ssr: true,
  isSpaMode: false,
  prerender: [],
  routeDiscovery: { mode: "lazy", manifestPath: "/__manifest" },
} as unknown as ServerBuild;
let server: http.Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.use(withSecurityHeaders);
  app.use(refuseWhatTheAppDoesNotServe);
  app.get("/page", (_req, res) => {
    res.setHeader("Content-Security-Policy", PAGE_CSP);
    res.type("html").send("<p>page</p>");
  });
  app.get("/moved", (_req, res) => res.redirect(302, "/page"));
  app.get("/boom", () => {
    throw new Error(`failed reading ${process.cwd()}/secret.db`);
  });
  app.get("/teapot", () => {
    throw Object.assign(new Error("bad"), { status: 418 });
  });
  // Stands in for the app: the Fetch Request @react-router/express makes, as React Router hands it to a route.
  app.all("*", moveOriginHeader, createRequestHandler({ build: echoBuild, mode: "production" }));
  app.use(answerError);
  server = http.createServer(app);
  server.on("clientError", answerClientError);
  server.on("connect", answerConnect);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

function send(method: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method, path, setHost: false, headers: { Host: `localhost:${port}`, ...headers } },
      (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** Bytes on a socket, for what an HTTP client will not send. */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(text));
    let out = "";
    socket.on("data", (chunk) => (out += chunk));
    socket.on("close", () => resolve(out));
    socket.on("error", reject);
  });
}

function expectSecurityHeaders(headers: http.IncomingHttpHeaders) {
  for (const [name, value] of FALLBACK_HEADERS) expect(headers[name.toLowerCase()], name).toBe(value);
}

describe("what the app does not serve is a 4xx with the security headers", () => {
  it.each(["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"])("%s is a 405 that names the methods", async (method) => {
    const answer = await send(method, "/customers");
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe("GET, HEAD, POST");
    expectSecurityHeaders(answer.headers);
  });

  it.each([
    ["PUT", "/partner/v1/tenants"],
    ["DELETE", "/partner/v1/tenants/4"],
    ["PATCH", "/whoami/v1"],
    ["OPTIONS", "/api/v2/oauth2/token"],
  ])("%s %s (the Partner API) is a 405 in the API's JSON error shape", async (method, path) => {
    const answer = await send(method, path);
    expect(answer.status).toBe(405);
    expect(answer.headers["content-type"]).toMatch(/^application\/json/);
    expect(answer.headers["set-cookie"]).toBeUndefined();
    expectSecurityHeaders(answer.headers);
    expectDescribedByOpenApi(method, path, 405, JSON.parse(answer.body));
  });

  it.each(["/whoami/v1.data", "/partner/v1/tenants.data?_routes=root", "/api/v2/oauth2/token.data"])(
    "React Router's data request %s on a Partner API path is a JSON 404, never the root's data",
    async (path) => {
      const answer = await send("GET", path);
      expect(answer.status).toBe(404);
      expect(answer.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(answer.body)).toMatchObject({ error: "notFound" });
      expectSecurityHeaders(answer.headers);
    },
  );

  it("the pipeline and the app name the same Partner API paths", () => {
    expect(PIPELINE_API_PATH_PREFIXES).toEqual([...API_PATH_PREFIXES]);
  });

  it("CONNECT is a 405, answered on the socket", async () => {
    const answer = await raw("CONNECT evil.test:443 HTTP/1.1\r\nHost: evil.test:443\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 405 /);
    expect(answer).toContain("X-Content-Type-Options: nosniff");
  });

  it("a request Node cannot parse is a 400 with the headers", async () => {
    const answer = await raw(`FOO / HTTP/1.1\r\nHost: localhost:${port}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain("Content-Security-Policy: default-src 'none'");
  });

  it.each(["/customers?_data=root", "/customers?_data=", "/customers?page=2&_data=routes%2Fcustomers", "/x?%5Fdata=1"])(
    "Remix v2's %s is a 400",
    async (path) => {
      const answer = await send("GET", path);
      expect(answer.status).toBe(400);
      expectSecurityHeaders(answer.headers);
    },
  );

  it.each([
    ["a Host that is no host", { Host: "a b" }],
    ["a Host with a port out of range", { Host: "localhost:99999" }],
    ["a Host with a path", { Host: "localhost/x" }],
    ["an X-Forwarded-Host with a port out of range", { "X-Forwarded-Host": "localhost, evil:99999" }],
  ])("%s is a 400, not the adapter's 500", async (_name, headers) => {
    const answer = await send("GET", "/customers", headers);
    expect(answer.status).toBe(400);
    expectSecurityHeaders(answer.headers);
  });

  it("a request target that is not a path is a 400", async () => {
    const answer = await raw(`GET http://evil.test/customers HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  });

  it("a plain GET still reaches the app, with its address", async () => {
    const answer = await send("GET", "/customers?page=2");
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).url).toBe(`http://localhost:${port}/customers?page=2`);
  });
});

describe("the security headers", () => {
  it("a page keeps its own CSP, once", async () => {
    const answer = await send("GET", "/page");
    expect(answer.headers["content-security-policy"]).toBe(PAGE_CSP);
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("a redirect and a JSON answer get the fallback headers", async () => {
    expectSecurityHeaders((await send("GET", "/moved")).headers);
    expectSecurityHeaders((await send("GET", "/anything")).headers);
  });

  it("HSTS only over HTTPS", async () => {
    expect((await send("GET", "/page")).headers["strict-transport-security"]).toBeUndefined();
  });

  it("an error is a plain 500 that shows no message, stack or path", async () => {
    const answer = await send("GET", "/boom");
    expect(answer.status).toBe(500);
    expect(answer.body).toBe("Internal Server Error");
    expectSecurityHeaders(answer.headers);
  });

  it("an error that carries a client status keeps it", async () => {
    expect((await send("GET", "/teapot")).status).toBe(418);
  });
});

describe("the Origin header goes to the app's check, not React Router's", () => {
  it("is moved under the name the app reads", async () => {
    expect(MOVED_ORIGIN_HEADER).toBe(APP_MOVED_ORIGIN_HEADER);
    const body = JSON.parse((await send("POST", "/customers/1/name", { Origin: "https://evil.test" })).body);
    expect(body.origin).toBeNull();
    expect(body.moved).toBe("https://evil.test");
  });

  it("a client cannot set the moved header itself", async () => {
    const body = JSON.parse((await send("POST", "/x", { [MOVED_ORIGIN_HEADER]: `http://localhost:${port}` })).body);
    expect(body.moved).toBeNull();
    const both = JSON.parse(
      (await send("POST", "/x", { Origin: "null", [MOVED_ORIGIN_HEADER]: `http://localhost:${port}` })).body,
    );
    expect(both.moved).toBe("null");
  });
});
