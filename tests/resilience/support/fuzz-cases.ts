/**
 * The hostile requests of the fuzz run, generated from a seed (the same seed
 * gives the same requests, so a failure can be replayed): every route of
 * app/routes with real and hostile ids, signed in as each kind of user or
 * not at all, with hostile methods, Origin and Sec-Fetch-Site values, query
 * strings, form bodies, cookies and paths, plus paths aimed at the static
 * files and the file system.
 */
import type { AppRoute } from "./routes";
import { fillPattern } from "./routes";
import type { RawRequest } from "./http";

/** mulberry32: a small, fast, seeded PRNG (numbers in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Identity = "anonymous" | "super" | "admin" | "readonly" | "contoso" | "customerAdmin" | "signedOut";

/** What the generator needs to know of the running server and its data. */
export type FuzzContext = {
  port: number;
  routes: AppRoute[];
  /** The Cookie header of each signed-in identity ("signedOut": a session that was ended). */
  cookies: Record<Exclude<Identity, "anonymous">, string>;
  ids: {
    /** Customers of Northwind (the signed-in partner). */
    ownCustomers: number[];
    /** Customers of Contoso (another partner: must be 404 for Northwind). */
    otherCustomers: number[];
    ownGroups: number[];
    /** An id no row has. */
    missing: number;
  };
  /** A few real files of the build's assets (fingerprinted, served at /assets/). */
  assets: string[];
};

export type FuzzRequest = RawRequest & {
  /** The route pattern aimed at, or "(raw path)". */
  target: string;
  who: Identity;
  /** A state-changing method sent with another site's Origin or Sec-Fetch-Site. */
  crossSite: boolean;
  /** How the cookie was mangled, if it was. */
  cookieNote?: string;
  bodyNote?: string;
  /** Bytes written to the socket as they are (latin1), instead of method, path, headers and body. */
  raw?: string;
};

/**
 * Requests node:http would not send: malformed or odd at the HTTP level.
 * Node's parser answers most of them before Express (server.on("clientError")).
 */
const RAW_REQUESTS = (port: number) => {
  const h = `Host: 127.0.0.1:${port}\r\nConnection: close\r\n`;
  return [
    `FOO /sign-in HTTP/1.1\r\n${h}\r\n`,
    `get /sign-in HTTP/1.1\r\n${h}\r\n`,
    `CONNECT evil.test:443 HTTP/1.1\r\nHost: evil.test:443\r\n\r\n`,
    `CONNECT 127.0.0.1:${port} HTTP/1.1\r\n${h}\r\n`,
    `GET /sign-in HTTP/1.0\r\n\r\n`,
    `GET /sign-in HTTP/1.1\r\nConnection: close\r\n\r\n`,
    `GET /sign-in\x00 HTTP/1.1\r\n${h}\r\n`,
    `GET /sign-in HTTP/9.9\r\n${h}\r\n`,
    `GET /sign-in HTTP/1.1 extra\r\n${h}\r\n`,
    `GET  /sign-in  HTTP/1.1\r\n${h}\r\n`,
    `GET /sign-in HTTP/1.1\r\n${h}NoColonHere\r\n\r\n`,
    `GET /sign-in HTTP/1.1\r\n${h}Bad Header: x\r\n\r\n`,
    `POST /sign-in HTTP/1.1\r\n${h}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    `POST /sign-in HTTP/1.1\r\n${h}Content-Length: 5\r\nContent-Length: 7\r\n\r\nabcde`,
    `POST /sign-in HTTP/1.1\r\n${h}Transfer-Encoding: chunked\r\n\r\nZZ\r\nnope\r\n0\r\n\r\n`,
    `POST /sign-in HTTP/1.1\r\n${h}Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n`,
    `GET /sign-in HTTP/1.1\r\n${h}X-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    `GET /sign-in HTTP/1.1\nHost: 127.0.0.1:${port}\nConnection: close\n\n`,
    `GET /sign-in HTTP/1.1\r\n${h}X-Folded: a\r\n b\r\n\r\n`,
    `GET http://evil.test/customers HTTP/1.1\r\n${h}\r\n`,
    `OPTIONS * HTTP/1.1\r\n${h}\r\n`,
    `GET /sign-in HTTP/1.1\r\n${h}Expect: 100-continue-please\r\n\r\n`,
    `POST /sign-in HTTP/1.1\r\n${h}Expect: 100-continue\r\nContent-Length: 0\r\n\r\n`,
    `GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nHost: evil.test\r\nConnection: close\r\n\r\n`,
    `GET /%%% HTTP/1.1\r\n${h}\r\n`,
    `GET /sign-in HTTP/1.1\r\n${h}Content-Length: -1\r\n\r\n`,
    `\r\n\r\nGET /sign-in HTTP/1.1\r\n${h}\r\n`,
    `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`,
    `GET /sign-in HTTP/1.1\r\n${h}Cookie: pc_session=\xff\xfe\r\n\r\n`,
    `GET /sign-in HTTP/1.1\r\n${h}Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
  ];
};

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Methods Node's HTTP parser knows (llhttp); CONNECT is left out (Node hands it to a 'connect' listener, not to the app). */
const ODD_METHODS = [
  "PUT",
  "DELETE",
  "PATCH",
  "OPTIONS",
  "TRACE",
  "PROPFIND",
  "PROPPATCH",
  "MKCOL",
  "COPY",
  "MOVE",
  "LOCK",
  "UNLOCK",
  "SEARCH",
  "PURGE",
  "LINK",
  "UNLINK",
  "REPORT",
  "M-SEARCH",
  "NOTIFY",
  "SUBSCRIBE",
  "MKCALENDAR",
  "QUERY",
];

const HOSTILE_IDS = [
  "0",
  "-1",
  "01",
  "1e3",
  "0x1F",
  "1.5",
  "9007199254740993",
  "99999999999999999999999999",
  "abc",
  "%00",
  "%2e%2e",
  "..%2f..%2fpackage.json",
  "1%20OR%201=1",
  "1'--",
  "1;DROP%20TABLE%20customers",
  "%F0%9F%92%A9",
  "\xe4\xb8\xad",
  "%E4%B8%AD",
  "1.data",
  "%ZZ",
  "%",
  "__proto__",
  "constructor",
  "a".repeat(3000),
  "%c0%ae%c0%ae",
];

const SPLATS = [
  "wp-admin/setup-config.php",
  ".env",
  ".git/config",
  "%2e%2e/%2e%2e/package.json",
  "build/../server.js",
  "node_modules/.bin/tsx",
  "\xe4\xb8\xad\xe6\x96\x87",
  "a/".repeat(300),
  "customers/1/name/extra/segments",
  "cgi-bin/%2e%2e/%2e%2e/etc/passwd",
  "index.php?x=1",
  "%0d%0aSet-Cookie:%20evil=1",
];

const RAW_PATHS = [
  "/assets/",
  "/assets",
  "/assets/../server.js",
  "/assets/..%2fserver.js",
  "/assets/%2e%2e/%2e%2e/package.json",
  "/assets/%2e%2e%2f%2e%2e%2fserver.js",
  "/assets/..%5c..%5cserver.js",
  "/assets/..%2f..%2fserver%2findex.js",
  "/assets/nothing-here.js",
  "/assets/%00.js",
  "/assets//entry.client.js",
  "/.vite/manifest.json",
  // Where the assets were before React Router 7 (Remix's public/build).
  "/build/",
  "/build/nothing-here.js",
  "/favicon.svg",
  "/favicon.svg/..%2f..%2fserver.js",
  "/favicon.ico",
  "/robots.txt",
  "/.env",
  "/.git/HEAD",
  "/package.json",
  "/server.js",
  "/data/app.db",
  "/node_modules/react/package.json",
  "/%2e%2e/%2e%2e/etc/passwd",
  "/..%2f..%2f..%2fetc/passwd",
  "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
  "/%252e%252e/%252e%252e/etc/passwd",
  "//evil.test/",
  "//evil.test/%2f..",
  "/\\evil.test",
  "/%5cevil.test",
  "/%2f%2fevil.test",
  "/__manifest",
  "/__manifest?p=%2Fcustomers&version=nope",
  "/__manifest?p=%2Fcustomers&p=%2Fgroups&p=%2F..%2F..&version=x",
  "/__manifest?p=" + "%2Fa".repeat(500),
  "/_root.data",
  "/.data",
  "/customers.data?_routes=routes%2Fcustomers",
  "/customers.data?_routes=root,routes%2Fsign-in,nope",
  "/groups.data?_routes=__proto__",
  "/%",
  "/%%32%65",
  "/%ff%fe",
  "/\xff\xfe",
  "/" + "a".repeat(6000),
  "/?" + "a=1&".repeat(1500),
  "/customers?" + "page=1&".repeat(800),
  "/sign-in?redirectTo=" + "%2F".repeat(2000),
  "*",
  "http://evil.test/customers",
  "http://127.0.0.1/sign-in",
  "/customers#fragment",
  "/customers/./1/../2",
  "/CUSTOMERS",
  "/Customers/1/Name",
];

const HOSTILE_QUERIES = [
  "_data=root",
  "_data=routes%2Fcustomers",
  "_data=routes%2Fsign-in",
  "_data=%00",
  "_data=__proto__",
  "_routes=root",
  "index",
  "redirectTo=%2F%2Fevil.test",
  "redirectTo=https%3A%2F%2Fevil.test%2F",
  "redirectTo=%2F%5Cevil.test",
  "redirectTo=%5C%5Cevil.test",
  "redirectTo=javascript%3Aalert(1)",
  "redirectTo=%2F%09%2Fevil.test",
  "redirectTo=%2Fcentral",
  "redirectTo=%2Fcustomers%3F_data%3Droot",
  "returnTo=%2F%2Fevil.test",
  "q=%00",
  "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "q=%27%20OR%201%3D1--",
  "q=%25%25%25_",
  "q=" + "a".repeat(10_000),
  "q=\xe4\xb8\xad",
  "q=%E4%B8%AD",
  "q=%FF%FE",
  "q=%ZZ",
  "page=-1",
  "page=0",
  "page=99999999999999999999",
  "page=1e308",
  "page=NaN",
  "page=1&page=2&page=x",
  "pageSize=100000",
  "sort=__proto__",
  "sort=name;DROP",
  "dir=sideways",
  "from=9999-99-99",
  "to=not-a-date",
  "from=2026-13-45&to=0000-00-00",
  "kind=%00",
  "user=-1",
  "user=abc",
  "group=-1",
  "group=999999999999",
  "status=%5B%5D",
  "ids=1&ids=abc&ids=-1&ids=9007199254740993",
  "ids=" + "1,".repeat(3000),
  "converted=1,2,3&refused=abc&gone=%00",
  "unlinked=" + "9".repeat(400),
  "lang=xx",
  "locale=%00",
  "a%5Bb%5D%5Bc%5D=1",
  "__proto__%5Bx%5D=1",
  "constructor.prototype.x=1",
  "%ZZ=bad",
  "=empty-name",
  "&&&",
];

const ORIGINS = (port: number) => [
  { value: "https://evil.test", cross: true },
  { value: "null", cross: true },
  { value: `http://127.0.0.1:${port + 100}`, cross: true },
  { value: `https://127.0.0.1:${port}`, cross: true },
  { value: `http://localhost:${port}`, cross: true },
  { value: `http://127.0.0.1:${port}.evil.test`, cross: true },
  { value: `http://127.0.0.1:${port}@evil.test`, cross: true },
  { value: "::::garbage::::", cross: true },
  { value: "http://", cross: true },
  { value: `HTTP://127.0.0.1:${port}`, cross: false },
  { value: `http://127.0.0.1:${port}`, cross: false },
  { value: `http://127.0.0.1:${port}/`, cross: false },
];

const FETCH_SITES = [
  { value: "cross-site", cross: true },
  { value: "same-site", cross: true },
  { value: "same-origin", cross: false },
  { value: "none", cross: false },
  { value: "garbage", cross: false },
];

const ACCEPTS = ["text/html", "*/*", "application/json", "text/x-script; q=abc", "", "image/*"];
const LANGUAGES = ["es", "en-GB,en;q=0.9", "xx-YY", "*", "es;q=abc,,,;", "a".repeat(5000), "\xe4\xb8\xad"];
const ENCODINGS = ["gzip", "br", "identity", "gzip;q=0, identity;q=0", "x-garbage", "*"];

const FORM_VALUES = (ctx: FuzzContext) => [
  "",
  " ",
  "x".repeat(101),
  "x".repeat(100_001),
  "\u0000",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "😀",
  "\ud800",
  "NaN",
  "-1",
  "0",
  "1e309",
  "__proto__",
  "[object Object]",
  "../../etc/passwd",
  "//evil.test",
  "https://evil.test",
  "on",
  "off",
  "yes",
  "es",
  "en",
  "1",
  "2",
  String(ctx.ids.ownCustomers[0]),
  String(ctx.ids.otherCustomers[0]),
  String(ctx.ids.ownGroups[0]),
  String(ctx.ids.missing),
];

const FIELDS = [
  "intent",
  "displayName",
  "version",
  "name",
  "email",
  "password",
  "redirectTo",
  "returnTo",
  "requestApproval",
  "launch",
  "ids",
  "groupId",
  "group",
  "programId",
  "requestId",
  "customer",
  "billing",
  "assistance",
  "locale",
  "dataSaver",
  "legalName",
  "country",
  "dataGeography",
  "accept",
  "confirmImmediate",
  "firstName",
  "lastName",
  "contactEmail",
  "q",
  "__proto__",
  "constructor[prototype][x]",
  "a[b][c]",
];

const INTENTS = [
  "addGroup",
  "removeGroup",
  "join",
  "leave",
  "cancelUnlink",
  "requestApproval",
  "launch",
  "approve",
  "refuse",
  "retry",
  "continue",
  "cancel",
  "back",
  "confirm",
  "delete",
  "",
  "__proto__",
];

export function generateFuzzRequests(ctx: FuzzContext, count: number, seed: number): FuzzRequest[] {
  const rng = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  const chance = (p: number) => rng() < p;
  const origins = ORIGINS(ctx.port);
  const rawRequests = RAW_REQUESTS(ctx.port);
  const values = FORM_VALUES(ctx);
  const requests: FuzzRequest[] = [];

  const idFor = (kind: "customer" | "group"): string => {
    const r = rng();
    if (r < 0.4) return String(pick(kind === "customer" ? ctx.ids.ownCustomers : ctx.ids.ownGroups));
    if (r < 0.5) return String(kind === "customer" ? pick(ctx.ids.otherCustomers) : ctx.ids.missing);
    if (r < 0.55) return String(ctx.ids.missing);
    return pick(HOSTILE_IDS);
  };

  const mutatePath = (path: string): string => {
    switch (Math.floor(rng() * 16)) {
      case 0:
        return `${path.replace(/\/$/, "") || "/_root"}.data`;
      case 1:
        return `/${path}`;
      case 2:
        return path.replace(/\//g, "//");
      case 3:
        return `${path}/`;
      case 4:
        return `${path}/..%2f..%2fpackage.json`;
      case 5:
        return `${path}/%2e%2e/%2e%2e/server.js`;
      case 6:
        return path.toUpperCase();
      case 7:
        return `${path};jsessionid=1`;
      case 8:
        return `${path}%00`;
      case 9:
        return `${path}/\xe4\xb8\xad`;
      case 10:
        return `${path}%c0%ae%c0%ae/`;
      case 11:
        return `/assets/..${path}`;
      case 12:
        return path.replace(/\//g, "/./");
      case 13:
        return path.replace(/\/([^/]+)$/, "/x/../$1");
      case 14:
        return `${path}%2f`;
      default:
        return `${path}%20`;
    }
  };

  const realisticForm = (target: string): Record<string, string | string[]> => {
    const form: Record<string, string | string[]> = {};
    if (target.includes("/name")) Object.assign(form, { displayName: pick(values), version: pick(["1", "2", "0", "-1", "abc", ""]) });
    else if (target.startsWith("/groups")) Object.assign(form, { name: pick(values) });
    else if (target === "/sign-in") Object.assign(form, { email: pick(["super@northwind.test", "nobody@evil.test", "", "a@b"]), password: pick(values) });
    else if (target === "/preferences") Object.assign(form, { locale: pick(["es", "en", "xx", ""]), dataSaver: pick(["on", "off", "maybe"]) });
    else if (target === "/customers/:customerId") Object.assign(form, { intent: pick(INTENTS), groupId: pick(values) });
    else if (target === "/customers") Object.assign(form, { [pick(["requestApproval", "launch"])]: pick(values) });
    else if (target === "/users/new" || target === "/users/:userId")
      Object.assign(form, {
        intent: pick(["update", "deactivate", "reactivate", "resendInvitation", "cancelInvitation", "resetSecondFactor", "", "__proto__"]),
        firstName: pick(values),
        lastName: pick(values),
        email: pick(["fuzz@example.test", "super@northwind.test", "", pick(values)]),
        role: pick(["admin", "super_admin", "read_only", "god", ""]),
        access: pick(["all", "chosen", "", pick(values)]),
        groupIds: [pick(values), pick(values)],
        customerIds: [pick(values), pick(values)],
      });
    else if (target === "/invitation/:token") Object.assign(form, { password: pick(values) });
    else if (target === "/customers/unlink" || target === "/customers/billing")
      Object.assign(form, { ids: [pick(values), pick(values)], confirmImmediate: pick(["yes", "no", ""]) });
    const extra = Math.floor(rng() * 4);
    for (let k = 0; k < extra; k += 1) {
      const name = pick(FIELDS);
      form[name] = name === "intent" ? pick(INTENTS) : pick(values);
    }
    return form;
  };

  const body = (target: string, headers: Record<string, string | string[]>): { body: Buffer | string; note: string } => {
    const kind = Math.floor(rng() * 14);
    const form = () => new URLSearchParams(Object.entries(realisticForm(target)).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x] as [string, string]))).toString();
    switch (kind) {
      case 0:
      case 1:
      case 2:
      case 3:
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        return { body: form(), note: "form" };
      case 4:
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        return { body: `displayName=${"A".repeat(2_000_000)}&version=1&name=${"B".repeat(200_000)}`, note: "huge form" };
      case 5:
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        return { body: Buffer.concat([Buffer.from("displayName="), Buffer.from([0xff, 0xfe, 0xc0, 0xae, 0xed, 0xa0, 0x80]), Buffer.from("&name=%E0%A4%A&version=%")]), note: "invalid UTF-8 form" };
      case 6:
        headers["Content-Type"] = "application/json";
        return { body: JSON.stringify({ displayName: "json", version: 1, __proto__: { admin: true }, ids: [1, 2] }), note: "JSON" };
      case 7:
        headers["Content-Type"] = "application/json";
        return { body: "{not json", note: "broken JSON" };
      case 8: {
        const boundary = "----fuzz" + Math.floor(rng() * 1e9);
        headers["Content-Type"] = `multipart/form-data; boundary=${boundary}`;
        return {
          body: `--${boundary}\r\nContent-Disposition: form-data; name="displayName"\r\n\r\nmultipart\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="../../x.sh"\r\nContent-Type: application/x-sh\r\n\r\n#!/bin/sh\r\n--${boundary}--\r\n`,
          note: "multipart",
        };
      }
      case 9:
        headers["Content-Type"] = "multipart/form-data; boundary=nope";
        return { body: "--other\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nunterminated", note: "broken multipart" };
      case 10:
        headers["Content-Type"] = "multipart/form-data";
        return { body: "no boundary at all", note: "multipart without boundary" };
      case 11:
        headers["Content-Type"] = pick(["text/plain", "application/xml", "garbage", "application/x-www-form-urlencoded; charset=utf-7"]);
        return { body: form(), note: `form as ${headers["Content-Type"]}` };
      case 12:
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        return { body: Array.from({ length: 5000 }, (_, n) => `f${n}=${n}`).join("&"), note: "5000 fields" };
      default:
        return { body: form(), note: "form without Content-Type" };
    }
  };

  const cookieFor = (who: Identity): { cookie?: string; note?: string } => {
    const real = who === "anonymous" ? undefined : ctx.cookies[who];
    if (!chance(0.25)) return { cookie: real };
    const session = real?.replace(/^pc_session=/, "") ?? "s%3Aabc.def";
    switch (Math.floor(rng() * 12)) {
      case 0:
        return { cookie: `${real ? real + "; " : ""}garbage`, note: "garbage cookie" };
      case 1:
        return { cookie: `pc_session=${session.slice(0, -3)}AAA`, note: "tampered pc_session signature" };
      case 2:
        return { cookie: `pc_session=${session.split(".")[0]}`, note: "pc_session without signature" };
      case 3:
        return { cookie: `pc_session=${"A".repeat(6000)}`, note: "huge pc_session" };
      case 4:
        return { cookie: `${real ? real + "; " : ""}pc_prefs=%%%not-base64`, note: "garbage pc_prefs" };
      case 5:
        return {
          cookie: `${real ? real + "; " : ""}pc_prefs=${Buffer.from(JSON.stringify({ locale: "xx", dataSaver: "maybe", __proto__: { x: 1 } })).toString("base64")}`,
          note: "unsigned pc_prefs",
        };
      case 6:
        return { cookie: `${real ? real + "; " : ""}pc_flash=${Buffer.from('{"key":"../../x","vars":{"name":"<script>"}}').toString("base64")}`, note: "forged pc_flash" };
      case 7:
        return { cookie: `${real ?? "pc_session=x"}; pc_session=${session}; pc_session=evil`, note: "repeated pc_session" };
      case 8:
        return { cookie: `pc_session=%E0%A4%A; pc_prefs=%ZZ`, note: "bad percent-encoding" };
      case 9:
        return { cookie: `${real ? real + "; " : ""}pc_flash=eyJ9`, note: "truncated pc_flash" };
      case 10:
        return { cookie: ";;;=;=;==", note: "empty cookie pairs" };
      default:
        return { cookie: `pc_session=${session}\xe4\xb8\xad`, note: "pc_session with raw UTF-8" };
    }
  };

  for (let i = 0; i < count; i += 1) {
    if (chance(0.03)) {
      const raw = pick(rawRequests);
      const requestLine = raw.replace(/^[\r\n]+/, "").split(/\r?\n/)[0]!;
      const [method = "", path = ""] = requestLine.split(" ");
      requests.push({ method, path, target: "(raw HTTP)", who: "anonymous", crossSite: false, raw, bodyNote: requestLine.slice(0, 60) });
      continue;
    }
    const headers: Record<string, string | string[]> = {};
    let target: string;
    let path: string;
    let route: AppRoute | undefined;
    if (chance(0.12)) {
      target = "(raw path)";
      path = chance(0.15) && ctx.assets.length > 0 ? pick(ctx.assets) : pick(RAW_PATHS);
    } else {
      // Round robin over the routes, so every route gets its share.
      route = ctx.routes[i % ctx.routes.length]!;
      target = route.pattern;
      const params: Record<string, string> = {};
      for (const name of route.params) params[name] = idFor(name === "groupId" ? "group" : "customer");
      params["*"] = pick(SPLATS);
      path = fillPattern(route.pattern, params);
      if (chance(0.3)) path = mutatePath(path);
    }
    if (chance(0.45)) {
      const n = 1 + Math.floor(rng() * 3);
      const query = Array.from({ length: n }, () => pick(HOSTILE_QUERIES)).join("&");
      path += path.includes("?") ? `&${query}` : `?${query}`;
    }

    const r = rng();
    let method: string;
    if (r < 0.4) method = "GET";
    else if (r < (route?.hasAction ? 0.75 : 0.6)) method = "POST";
    else if (r < 0.8) method = "HEAD";
    else method = pick(ODD_METHODS);

    const identities: Identity[] = ["anonymous", "anonymous", "super", "super", "admin", "readonly", "contoso", "customerAdmin"];
    let who: Identity = pick(identities);
    // Signing out ends the session: those requests use one that was already ended.
    if (target === "/sign-out" && who !== "anonymous") who = "signedOut";
    const { cookie, note: cookieNote } = cookieFor(who);
    if (cookie) headers.Cookie = cookie;

    let crossSite = false;
    const unsafe = UNSAFE.has(method);
    if (chance(unsafe ? 0.8 : 0.3)) {
      const origin = pick(origins);
      headers.Origin = origin.value;
      crossSite ||= origin.cross;
    }
    if (chance(0.4)) {
      const site = pick(FETCH_SITES);
      headers["Sec-Fetch-Site"] = site.value;
      crossSite ||= site.cross;
    }
    crossSite &&= unsafe;
    if (chance(0.5)) headers.Accept = pick(ACCEPTS);
    if (chance(0.4)) headers["Accept-Language"] = pick(LANGUAGES);
    if (chance(0.6)) headers["Accept-Encoding"] = pick(ENCODINGS);
    if (chance(0.1)) headers["Save-Data"] = pick(["on", "off", "1", "\xe4\xb8\xad"]);
    if (chance(0.08)) headers.Host = pick(["evil.test", `127.0.0.1:${ctx.port}.evil.test`, "a".repeat(3000), "[::1]:99999", "localhost"]);
    if (chance(0.08)) headers["X-Forwarded-Host"] = pick(["evil.test", "", "a,b,c"]);
    if (chance(0.08)) headers["X-Forwarded-For"] = pick(["1.2.3.4", "not-an-ip", "::1, 10.0.0.1, evil", "1".repeat(2000)]);
    if (chance(0.05)) headers["X-Forwarded-Proto"] = pick(["https", "gopher", ""]);
    if (chance(0.05)) headers["X-HTTP-Method-Override"] = pick(["DELETE", "PUT", "TRACE"]);
    if (chance(0.04)) headers.Range = pick(["bytes=0-10", "bytes=-1", "bytes=999999999-", "bytes=garbage"]);
    if (chance(0.04)) headers["If-None-Match"] = pick(["*", '"x"', "garbage"]);
    if (chance(0.04)) headers["If-Modified-Since"] = pick(["garbage", "Thu, 01 Jan 2099 00:00:00 GMT"]);
    if (chance(0.04)) headers["X-Remix-Response"] = "yes";
    if (chance(0.03)) headers["User-Agent"] = pick(["() { :; }; /bin/cat /etc/passwd", "\xe4\xb8\xad", "x".repeat(4000)]);
    if (crossSite === false && unsafe && headers.Origin === undefined && headers["Sec-Fetch-Site"] === undefined && chance(0.5)) {
      // Half the rest look like a same-origin form from a browser.
      headers.Origin = `http://127.0.0.1:${ctx.port}`;
      headers["Sec-Fetch-Site"] = "same-origin";
    }

    let bodyValue: Buffer | string | undefined;
    let bodyNote: string | undefined;
    if (unsafe || chance(0.03)) {
      const made = body(target, headers);
      bodyValue = made.body;
      bodyNote = made.note;
    }
    requests.push({ method, path, headers, body: bodyValue, target, who, crossSite, cookieNote, bodyNote });
  }
  return requests;
}
