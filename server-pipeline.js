/**
 * The request pipeline of server.js, apart so tests can run it without a
 * build (tests/integration/request-pipeline.test.ts). What no route of the
 * app answers is refused here, before React Router, as a 4xx; every answer carries
 * the security headers; nothing answers with a stack trace or a disk path
 * (docs/decisions/0016-production-server.md, "Request pipeline";
 * docs/decisions/0006-security-headers.md).
 */
import crypto from "node:crypto";
import http from "node:http";

/**
 * Where moveOriginHeader puts the Origin header: MOVED_ORIGIN_HEADER in
 * app/services/csrf.server.ts, which reads it (a test checks they agree).
 */
export const MOVED_ORIGIN_HEADER = "x-partner-console-origin";

/**
 * The headers every answer has unless the app set its own: pages and `.data`
 * get theirs from app/services/security-headers.server.ts (the page CSP with
 * its nonce); everything else (static files, redirects, CSV, 404s, errors,
 * refusals) gets these. Nothing served under them is a document that runs
 * anything, so the CSP allows nothing.
 *
 * @type {[name: string, value: string][]}
 */
export const FALLBACK_HEADERS = [
  ["Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"],
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "same-origin"],
  ["X-Frame-Options", "DENY"],
  ["Cross-Origin-Resource-Policy", "same-origin"],
];
const HSTS = "max-age=31536000; includeSubDomains";

/** Fills in the missing security headers just before the status line goes out, whoever writes the answer. */
export function withSecurityHeaders(req, res, next) {
  const writeHead = res.writeHead;
  res.writeHead = function writeHeadWithSecurityHeaders(...args) {
    for (const [name, value] of FALLBACK_HEADERS) if (!res.hasHeader(name)) res.setHeader(name, value);
    // req.secure is true over HTTPS, or behind a trusted proxy that says so.
    if (req.secure && !res.hasHeader("Strict-Transport-Security")) res.setHeader("Strict-Transport-Security", HSTS);
    return writeHead.apply(this, args);
  };
  next();
}

/** What is dropped of a body still arriving after its answer, at most, before the connection is cut. */
const DROP_BYTES = 16 * 1024 * 1024;
const DROP_MS = 5_000;

/**
 * When an answer goes out before its request's body has all arrived (a form
 * refused for its size, docs/decisions/0021-request-limits.md, or an answer
 * that never needed the body), the rest of the body is dropped as it
 * arrives, never kept or parsed, and the connection is closed gracefully
 * once the client has sent it all; past DROP_BYTES or DROP_MS it is cut.
 * Node would otherwise close a connection whose client asked for that as
 * soon as the answer is out, while the client is still sending, and the
 * client's kernel would discard the answer it had not read yet: a browser
 * would show a network error instead of the page that says what happened.
 */
export function dropUnreadBody(req, res, next) {
  const writeHead = res.writeHead;
  res.writeHead = function writeHeadBeforeBodyEnds(...args) {
    // Node ends the connection after the answer unless it is kept alive;
    // this one ends when the body has (below).
    if (!req.complete) res.shouldKeepAlive = true;
    return writeHead.apply(this, args);
  };
  res.once("finish", () => {
    if (req.complete) return;
    const socket = req.socket;
    const cut = () => socket.destroy();
    const timer = setTimeout(cut, DROP_MS);
    timer.unref();
    let dropped = 0;
    // Whatever read the body (the app's stream of it) reads no more.
    req.removeAllListeners("data");
    req.on("data", (chunk) => {
      dropped += chunk.length;
      if (dropped > DROP_BYTES) cut();
    });
    req.once("end", () => {
      clearTimeout(timer);
      socket.end();
    });
    req.once("close", () => clearTimeout(timer));
    req.resume();
  });
  next();
}

const METHODS = new Set(["GET", "HEAD", "POST"]);

/**
 * Refuses, with a plain 4xx, what no route of the app answers:
 * - a method but GET, HEAD and POST (405): forms only GET and POST, and the
 *   Fetch API cannot even build a TRACE request (it was a 500);
 * - a request target that is not a path ("GET http://other/ HTTP/1.1", "*");
 * - a Host (or X-Forwarded-Host) that makes no URL (the adapter's `new URL`
 *   threw: a 500);
 * - the `?_data=` parameter of Remix v2's data requests (before single fetch):
 *   the app never sends it; Remix answered it with one route's raw data, or a
 *   403 or 500, and React Router 7 would answer it as the page itself.
 */
export function refuseWhatTheAppDoesNotServe(req, res, next) {
  if (!METHODS.has(req.method)) {
    res.setHeader("Allow", "GET, HEAD, POST");
    if (isApiPath(req.url.split("?")[0])) return apiError(req, res, 405, "methodNotAllowed", `${req.method} is not allowed here.`);
    return plain(res, 405);
  }
  // React Router's data requests (`.data`) are the console's own protocol: they would run the
  // root's loader, which reads the session. The API's addresses have none.
  const pathname = req.url.split("?")[0];
  if (isApiPath(pathname) && pathname.endsWith(".data")) return apiError(req, res, 404, "notFound", "No such address in the Partner API.");
  // React Router's route discovery answers any method from any site: only reading it makes sense.
  if (req.method === "POST" && req.url.split("?")[0] === "/__manifest") {
    res.setHeader("Allow", "GET, HEAD");
    return plain(res, 405);
  }
  if (!req.url.startsWith("/")) return plain(res, 400);
  if (!isHostHeader(req.headers.host) || !isHostHeader(req.headers["x-forwarded-host"], true)) return plain(res, 400);
  const query = req.url.indexOf("?");
  if (query !== -1 && new URLSearchParams(req.url.slice(query + 1)).has("_data")) return plain(res, 400);
  next();
}

/**
 * The Partner API's paths (issue 21; API_PATH_PREFIXES in
 * app/services/partner-api.server.ts, which a test holds to these): their
 * errors are JSON, in the API's shape, never a page or plain text.
 */
export const API_PATH_PREFIXES = ["/api/v2/", "/whoami/v1", "/partner/v1/"];

export function isApiPath(pathname) {
  return API_PATH_PREFIXES.some((prefix) => pathname === prefix.replace(/\/$/, "") || pathname.startsWith(prefix));
}

/** An error of the Partner API, in its JSON shape (apiError in app/services/partner-api.server.ts). */
function apiError(req, res, status, error, message) {
  const requestId = crypto.randomUUID();
  res.status(status).set("Cache-Control", "no-store").json({
    error,
    message,
    correlationId: requestId,
    requestId,
    createdAt: new Date().toISOString(),
  });
}

/** Whether a Host header value (the first of a list when forwarded) names a host[:port]. */
function isHostHeader(value, optional = false) {
  if (value === undefined) return optional;
  return value.split(",").every((part) => {
    const host = part.trim();
    if (host === "" || /[\\/?#@\s]/.test(host)) return false;
    try {
      return new URL(`http://${host}/`).host !== "";
    } catch {
      return false;
    }
  });
}

/**
 * Hands the browser's Origin header to the app under another name
 * (MOVED_ORIGIN_HEADER in app/services/csrf.server.ts). React Router has its
 * own cross-site check before a page's action runs, whose refusal is a bare
 * "Bad Request" (400) and an error in the log. With the header moved, the
 * app's check (same scheme, host and port; docs/decisions/0003-authorization.md)
 * decides, and a refusal is the app's 403 page. Whatever a client sent under
 * that name is dropped first.
 */
export function moveOriginHeader(req, _res, next) {
  delete req.headers[MOVED_ORIGIN_HEADER];
  if (req.headers.origin !== undefined) {
    req.headers[MOVED_ORIGIN_HEADER] = req.headers.origin;
    delete req.headers.origin;
  }
  next();
}

/** A short plain-text answer (the headers come from withSecurityHeaders). */
function plain(res, status) {
  res.status(status).type("text/plain").send(http.STATUS_CODES[status] ?? "Error");
}

/**
 * The last word on an error that reached Express (the adapter could not make
 * a request, a static file's path could not be decoded): a 4xx for what the
 * client sent wrong, else a 500; never a stack trace or a disk path.
 */
export function answerError(error, req, res, _next) {
  const given = Number(error?.status ?? error?.statusCode);
  const status = given >= 400 && given < 500 ? given : error?.code === "ERR_INVALID_URL" ? 400 : 500;
  if (status === 500) console.error(error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  plain(res, status);
}

/** Node's own answer to a request it could not parse, with the security headers. */
export function answerClientError(error, socket) {
  const status =
    error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  answerOnSocket(socket, status, "");
}

/** CONNECT (a proxy's method): not served here. */
export function answerConnect(_req, socket) {
  answerOnSocket(socket, 405, "Allow: GET, HEAD, POST\r\n");
}

function answerOnSocket(socket, status, extraHeaders) {
  // Too late for an answer: the socket is gone, or one has started already.
  if (!socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const headers = FALLBACK_HEADERS.map(([name, value]) => `${name}: ${value}\r\n`).join("");
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n${extraHeaders}${headers}\r\n`,
  );
}
