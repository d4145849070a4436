/**
 * The production server (`npm start`, `npm run serve`): Express with
 * @react-router/express, one worker per core with node:cluster, as React
 * Router's templates and the Epic Stack do (docs/decisions/0016-production-server.md).
 *
 * Settings (environment):
 *   PORT               port to listen on (3000)
 *   HOST               address to listen on (all addresses)
 *   WEB_CONCURRENCY    number of workers (one per core); 1 runs a single process, no cluster
 *                      (with node's own flags: the workers' young generation is set below)
 *   BUILD_DIR          where the build is (<dir>/build/server/index.js, <dir>/build/client); default "."
 *   BACKGROUND_WORK    "off" leaves out the background work (tests drive it)
 *   ACCESS_LOG         "1" logs one line per request (off by default: it costs CPU)
 *   GZIP_LEVEL         zlib level for pages, 0-9 (6; assets get 9; see docs/performance.md)
 *   WATCHDOG_MS        a worker whose event loop is blocked this long is replaced (10000)
 *
 * Exactly one process runs the background work (the CRM outbox worker, the
 * session sweep, scheduled unlinks): the primary gives the duty to one worker
 * and, when that worker dies, to its replacement. The jobs are idempotent and
 * the outbox leases its rows, so even an overlap while a worker is replaced
 * does nothing twice.
 */
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  answerClientError,
  answerConnect,
  answerError,
  dropUnreadBody,
  moveOriginHeader,
  refuseWhatTheAppDoesNotServe,
  withSecurityHeaders,
} from "./server-pipeline.js";

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || undefined;
const buildDir = path.resolve(process.env.BUILD_DIR || ".");
const workerCount = Math.max(1, Number(process.env.WEB_CONCURRENCY) || os.availableParallelism());
const backgroundWanted = process.env.BACKGROUND_WORK !== "off";
/** The server build in BUILD_DIR (react-router.config.ts builds into <BUILD_DIR>/build). */
const SERVER_BUILD = "build/server/index.js";
/** Workers in a row that may die before serving before the server gives up. */
const MAX_FAILED_STARTS = 3;
/**
 * The watchdog (docs/decisions/0021-request-limits.md): a worker whose event
 * loop has not answered the primary for this long is stuck (a request that
 * costs far more than it should), so it is reported and replaced.
 * WATCHDOG_MS changes it (at least 1 s).
 */
const WATCHDOG_MS = Math.max(1_000, Number(process.env.WATCHDOG_MS) || 10_000);
/** How often the primary asks each worker whether its event loop turns. */
const HEARTBEAT_MS = 1_000;

/**
 * V8's young generation, where a request's short-lived objects live: at its
 * default size a list page's work triggered a scavenge every few requests;
 * twice that spends less CPU a request for a little more memory a worker
 * (docs/performance.md). Workers get it unless node was started with a size.
 */
const SEMI_SPACE_FLAG = "--max-semi-space-size=32";

if (cluster.isPrimary && workerCount > 1) {
  if (!process.execArgv.some((arg) => arg.startsWith("--max-semi-space-size"))) {
    cluster.setupPrimary({ execArgv: [...process.execArgv, SEMI_SPACE_FLAG] });
  }
  runPrimary();
} else {
  await runWorker();
}

function runPrimary() {
  /** The worker that has the background duty, if any is alive. */
  let backgroundWorker = null;
  let stopping = false;

  /** Workers in a row that died before they ever listened (a broken build, a port in use). */
  let failedStarts = 0;

  const fork = () => {
    const duty = backgroundWanted && backgroundWorker === null;
    const worker = cluster.fork({ BACKGROUND_WORK: duty ? "on" : "off" });
    if (duty) backgroundWorker = worker;
    let listened = false;
    worker.once("listening", () => {
      listened = true;
      failedStarts = 0;
      watch(worker);
    });
    worker.on("exit", (code, signal) => {
      heartbeats.delete(worker);
      if (backgroundWorker === worker) backgroundWorker = null;
      if (stopping) return;
      if (!listened && ++failedStarts >= MAX_FAILED_STARTS) {
        // Starting another would fail the same way, forever: stop, and say so.
        console.error(`${failedStarts} workers in a row stopped before serving (${signal ?? code}); see above. Stopping.`);
        stop("SIGTERM", 1);
        return;
      }
      console.error(`Worker ${worker.process.pid} stopped (${signal ?? code}); starting another.`);
      // Not at once: a worker that dies while starting would spin.
      setTimeout(fork, 1_000);
    });
  };
  /** When each serving worker last answered a heartbeat (performance.now()). */
  const heartbeats = new Map();
  const watch = (worker) => {
    heartbeats.set(worker, performance.now());
    worker.on("message", (message) => {
      if (message === "heartbeat") heartbeats.set(worker, performance.now());
    });
  };
  const watchdog = setInterval(() => {
    const now = performance.now();
    for (const [worker, answered] of heartbeats) {
      if (worker.isConnected()) worker.send("heartbeat", () => {});
      if (now - answered <= WATCHDOG_MS) continue;
      // It stops answering now: the exit handler above starts another.
      heartbeats.delete(worker);
      console.error(
        `Worker ${worker.process.pid} has not answered for ${Math.round((now - answered) / 1_000)} s ` +
          "(its event loop is blocked); replacing it.",
      );
      worker.process.kill("SIGKILL");
    }
  }, HEARTBEAT_MS);
  watchdog.unref();

  for (let i = 0; i < workerCount; i += 1) fork();

  function stop(signal, exitCode = 0) {
    stopping = true;
    clearInterval(watchdog);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    // Workers close gracefully; do not wait for idle keep-alive connections forever.
    setTimeout(() => process.exit(exitCode), 5_000).unref();
    cluster.disconnect(() => process.exit(exitCode));
  }
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  console.log(`Partner Console: ${workerCount} workers on http://${host ?? "localhost"}:${port}`);
}

async function runWorker() {
  process.env.NODE_ENV ??= "production";
  const [{ default: express }, { default: compression }, { createRequestHandler }] = await Promise.all([
    import("express"),
    import("compression"),
    import("@react-router/express"),
  ]);
  const build = await import(pathToFileURL(path.join(buildDir, SERVER_BUILD)).href);

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  // Behind a proxy that sets X-Forwarded-For (TRUST_PROXY=1), Express's
  // req.ip is the client's; otherwise it is the socket's.
  if (process.env.TRUST_PROXY === "1" || process.env.TRUST_PROXY === "true") app.set("trust proxy", true);

  // The request pipeline (server-pipeline.js): every answer carries the
  // security headers, and what the app does not serve is refused, before
  // React Router, as a 4xx.
  app.use(withSecurityHeaders);
  app.use(dropUnreadBody);

  // Pages at level 6, zlib's default: measurably fewer bytes than level 1
  // for little more CPU (docs/performance.md, "Gzip level").
  // Fingerprinted assets and the message catalogues at level 9: a browser
  // downloads each once and keeps it, so their bytes count and their CPU
  // hardly does.
  const level = process.env.GZIP_LEVEL ? Number(process.env.GZIP_LEVEL) : 6;
  const compressPage = compression({ level: Number.isInteger(level) && level >= 0 && level <= 9 ? level : 6 });
  // From 200 bytes, not compression's default 1 KB: most of a page's script
  // chunks are smaller than 1 KB and gzip still takes much off each; below
  // 200 bytes gzip's own header and trailer eat the gain.
  const compressAsset = compression({ level: 9, threshold: 200 });
  app.use((req, res, next) =>
    (req.path.startsWith("/assets/") || req.path.startsWith("/i18n/") ? compressAsset : compressPage)(req, res, next),
  );

  if (process.env.ACCESS_LOG === "1") {
    app.use((req, res, next) => {
      const start = process.hrtime.bigint();
      res.on("finish", () => {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        console.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${ms.toFixed(1)} ms`);
      });
      next();
    });
  }

  app.use(refuseWhatTheAppDoesNotServe);

  // The browser's files, as the build wrote them (build/client): the
  // fingerprinted ones (scripts, the stylesheet, the icons) in assets/,
  // cached for a year and never revalidated.
  const clientDir = path.join(buildDir, "build/client");
  app.use(
    "/assets",
    express.static(path.join(clientDir, "assets"), {
      immutable: true,
      maxAge: "1y",
      index: false,
      redirect: false,
    }),
    (req, res) => {
      // A missing asset is a plain 404, not a page (and never a disk path).
      res.status(404).type("text/plain").send("Not found");
    },
  );
  // The few files at its root, copied from public/ (favicon, robots.txt),
  // known at start: no disk check for every other request.
  const rootFiles = new Set(
    fs.existsSync(clientDir)
      ? fs.readdirSync(clientDir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name)
      : [],
  );
  if (rootFiles.size > 0) {
    const serveRoot = express.static(clientDir, { maxAge: "1h", index: false, redirect: false });
    app.use((req, res, next) => (rootFiles.has(req.path.slice(1)) ? serveRoot(req, res, next) : next()));
  }

  app.all(
    "*",
    moveOriginHeader,
    inRequestScope(
      build,
      createRequestHandler({
        build,
        mode: "production",
        getLoadContext: (req) => ({
          clientAddress: clientAddressOf(req),
        }),
      }),
    ),
  );

  app.use(answerError);

  // A request without a Host header reaches the app's pipeline (a 400 with
  // the security headers) instead of Node's own bare 400.
  const server = http.createServer({ requireHostHeader: false }, app);
  server.listen(port, host, () => {
    if (!cluster.isWorker) console.log(`Partner Console on http://${host ?? "localhost"}:${port}`);
  });
  // What Node answers itself, before Express (a request it cannot parse, an
  // unknown method, CONNECT), carries the headers too.
  server.on("clientError", answerClientError);
  server.on("connect", answerConnect);
  // The watchdog's heartbeat: answered from the event loop, so a worker
  // whose loop is blocked does not answer, and the primary replaces it.
  if (cluster.isWorker) process.on("message", (message) => message === "heartbeat" && process.send("heartbeat"));
  const close = () => server.close(() => process.exit(0));
  process.once("SIGTERM", close);
  process.once("SIGINT", close);
}

/**
 * Runs each request in a scope of its own (app/services/request-scope.server.ts):
 * React Router gives every loader its own copy of the Request, so what the
 * app does once per request (reading the session) is remembered in that scope.
 */
function inRequestScope(build, handle) {
  const { runInRequestScope } = build.entry.module;
  if (typeof runInRequestScope !== "function") {
    throw new Error(`${path.join(buildDir, SERVER_BUILD)} has no runInRequestScope: rebuild it (npm run build).`);
  }
  // The scope is emptied once the response is done (or the client gone):
  // the async resources of the request may hold on to it for a while.
  return (req, res, next) =>
    runInRequestScope((forget) => {
      res.once("close", forget);
      return handle(req, res, next);
    });
}

/** The client's address: the socket's, or X-Forwarded-For's first with TRUST_PROXY=1 (Express's req.ip). */
function clientAddressOf(req) {
  const address = req.ip || req.socket.remoteAddress || null;
  // IPv4 clients on a dual-stack socket come as ::ffff:a.b.c.d.
  return address?.startsWith("::ffff:") ? address.slice(7) : address;
}

