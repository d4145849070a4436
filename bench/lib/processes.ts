/**
 * Child processes of the benchmark: the build and seed commands, and the
 * server under test. Every child we start is recorded, so that an error, a
 * Ctrl-C or the watchdog still stops it (see stopAllChildren).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const REACT_ROUTER_CLI = path.join(ROOT, "node_modules/@react-router/dev/bin.js");
const SERVER = path.join(ROOT, "server.js");
const TSX_CLI = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");

/** Children still running: stopAllChildren kills them. */
const running = new Set<ChildProcess>();

function track(child: ChildProcess): void {
  running.add(child);
  child.once("exit", () => running.delete(child));
}

/**
 * Runs a Node script to completion with its output shown, and throws when it
 * fails or runs past `timeoutMs` (it is then killed).
 */
export function runNodeScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "inherit", "inherit"],
    });
    track(child);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${path.basename(script)} ${args.join(" ")} took longer than ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(script)} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/** `react-router build` in production mode, with the benchmark's switches (see react-router.config.ts and app/routes.ts). */
export function productionBuild(env: Record<string, string>): Promise<void> {
  return runNodeScript(REACT_ROUTER_CLI, ["build"], { NODE_ENV: "production", ...env }, 5 * 60_000);
}

/** A TypeScript script run with tsx, as npm scripts do, killed after `timeoutMs` (10 minutes unless said). */
export function tsxScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 10 * 60_000,
): Promise<void> {
  return runNodeScript(TSX_CLI, [script, ...args], env, timeoutMs);
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("No port"));
      });
    });
  });
}

export type RunningServer = {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The server's first process: the cluster's primary, or the only process with one worker. */
  pid: number;
  /** Worker processes (WEB_CONCURRENCY), 1 meaning a single process with no cluster. */
  workers: number;
  stop: () => Promise<void>;
};

/**
 * The processes a server is made of: `pid` and its children (a cluster's
 * workers), from /proc; [pid] where /proc cannot tell.
 */
export function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i += 1) {
    try {
      const children = fs.readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, "utf8").trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    } catch {
      // Gone, or not Linux.
    }
  }
  return pids;
}

/** SIGKILL to a process and its children, children first (a killed primary would orphan them). */
function killTree(pid: number): void {
  for (const each of processTree(pid).reverse()) {
    try {
      process.kill(each, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

/**
 * Starts the production server (`node server.js`, as `npm start` does) on a
 * free loopback port with `BUILD_DIR=buildDir`, and waits until it answers
 * and, with a cluster, until every worker is up. Node runs server.js
 * directly (not through npm or a shell), so `pid` is the server's primary
 * and its workers are its children. Its output goes to `logFile`.
 */
export async function startServer({
  buildDir,
  workers,
  env,
  logFile,
  stopGraceMs = 2_000,
  nodeArgs = [],
}: {
  buildDir: string;
  workers: number;
  env: Record<string, string>;
  logFile: string;
  /** How long `stop` waits for a graceful exit before killing (a CPU profile takes a while to write). */
  stopGraceMs?: number;
  /** Options for node itself (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
}): Promise<RunningServer> {
  const port = await freePort();
  const log = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, [...nodeArgs, SERVER], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      BUILD_DIR: buildDir,
      WEB_CONCURRENCY: String(workers),
    },
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  track(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const pids = processTree(child.pid!);
    child.kill("SIGTERM");
    // The server closes gracefully on SIGTERM, which waits for idle
    // keep-alive connections; we need it gone, not graceful.
    const forced = setTimeout(() => killTree(child.pid!), stopGraceMs);
    await exited;
    clearTimeout(forced);
    for (const each of pids.slice(1)) {
      try {
        process.kill(each, "SIGKILL");
      } catch {
        // Exited with the primary, as it should.
      }
    }
  };

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited (code ${child.exitCode}) before answering; see ${logFile}`);
    }
    try {
      const response = await fetch(`${origin}/sign-in`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      // A cluster answers as soon as one worker listens: wait for all of them.
      if (response.ok && (workers === 1 || processTree(child.pid!).length > workers)) {
        return { origin, pid: child.pid!, workers, stop };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`The server did not answer within 30 s; see ${logFile}`);
}

/** Kills every child still running; synchronous so it also works in an "exit" handler. */
export function stopAllChildren(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) killTree(child.pid!);
  }
}

/** The benchmark partner's Super Admin (db/seed.ts, `--customers`). */
export const BENCH_USER = { email: "super@bench.test", password: "demo-pass-2026" };

/** Signs in through the real form, as a browser without JavaScript would; returns the Cookie header. */
export async function signIn(origin: string): Promise<string> {
  const response = await fetch(`${origin}/sign-in`, {
    method: "POST",
    redirect: "manual",
    // The app refuses a POST whose Origin is another site (csrf.server.ts).
    headers: { origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(BENCH_USER),
    signal: AbortSignal.timeout(30_000),
  });
  await response.arrayBuffer();
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .find((pair) => pair.startsWith("pc_session="));
  if (response.status !== 302 || !session) {
    throw new Error(`Signing in as ${BENCH_USER.email} answered ${response.status} without a session cookie`);
  }
  return session;
}
