/**
 * The production server (`node server.js`) as the resilience tests run it:
 * the build of BUILD_DIR (or build/), on 127.0.0.1, on a fresh copy of the
 * demo database, with background work off and a test session secret.
 *
 * The server starts in a process group of its own (detached), so that
 * `kill9()` kills the primary and every cluster worker at once, as a power
 * cut or the OOM killer would, with no chance to finish anything.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { REPO_ROOT, TMP_DIR } from "../../support/paths";

/** Migrated and seeded once per run by global-setup.ts (with db/setup.ts); each test copies it. */
export const RESILIENCE_TEMPLATE_DB = path.join(TMP_DIR, "resilience-template.db");

/** The ports of these tests (3240-3249), each test its own: RESILIENCE_PORT moves the first. */
export function portFor(offset: number): number {
  return Number(process.env.RESILIENCE_PORT ?? 3240) + offset;
}

/** The server build in the build's folder (server.js's SERVER_BUILD); the browser's files are in build/client. */
export const SERVER_BUILD = "build/server/index.js";

/** The folder whose build/ (build/server/index.js and build/client) the server serves. */
export function buildRoot(): string {
  return path.resolve(REPO_ROOT, process.env.BUILD_DIR || ".");
}

/** A fresh copy of the demo database for one test (its old WAL files removed too). */
export function freshDatabase(name: string): string {
  const file = path.join(TMP_DIR, `resilience-${name}.db`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(RESILIENCE_TEMPLATE_DB, file);
  return file;
}

export type Server = {
  port: number;
  origin: string;
  /** The primary's pid (also the process group's id). */
  pid: number;
  /** What the server printed (stdout and stderr, the last 200 KB). */
  output(): string;
  /** SIGTERM to the group, then SIGKILL after a few seconds; resolves when the port is free. */
  stop(): Promise<void>;
  /** SIGKILL to the whole group (primary and workers); resolves when the port is free. */
  kill9(): Promise<void>;
};

export type ServerOptions = {
  port: number;
  databaseFile: string;
  /** WEB_CONCURRENCY: 1 runs one process; more runs the cluster (the production default is one per core). */
  workers?: number;
  /** Background work (outbox, sweeps, scheduled unlinks): off unless a test is about it. */
  backgroundWork?: boolean;
  /** More settings for the server (e.g. WATCHDOG_MS). */
  env?: Record<string, string>;
};

/** Starts `node server.js` and resolves once it answers GET /sign-in with 200. */
export async function startServer({ port, databaseFile, workers = 2, backgroundWork = false, env = {} }: ServerOptions): Promise<Server> {
  const entry = path.join(buildRoot(), SERVER_BUILD);
  if (!fs.existsSync(entry)) throw new Error(`No production build at ${entry}: run "npm run build" first.`);
  await waitForPortFree(port);
  const child = spawn(process.execPath, ["server.js"], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: databaseFile,
      BACKGROUND_WORK: backgroundWork ? "on" : "off",
      SESSION_SECRET: "resilience-test-session-secret-not-for-production",
      WEB_CONCURRENCY: String(workers),
      BUILD_DIR: buildRoot(),
      ACCESS_LOG: "0",
      ...env,
    },
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-200_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error("node server.js did not start");

  const server: Server = {
    port,
    origin: `http://127.0.0.1:${port}`,
    pid,
    output: () => output,
    stop: async () => {
      signalGroup(child, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
      // Workers may outlive the primary by a moment.
      signalGroup(child, "SIGKILL");
      await waitForPortFree(port);
    },
    kill9: async () => {
      signalGroup(child, "SIGKILL");
      await exited;
      await waitForPortFree(port);
    },
  };
  try {
    await waitUntilServing(server.origin, exited);
  } catch (error) {
    signalGroup(child, "SIGKILL");
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  return server;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    // A negative pid: the whole process group the detached child leads.
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

async function waitUntilServing(origin: string, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error("node server.js exited before it served");
    try {
      const response = await fetch(`${origin}/sign-in`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`node server.js did not serve ${origin}/sign-in within 60 s`);
}

/** Resolves once nothing accepts connections on the port (a killed server's workers are gone). */
export async function waitForPortFree(port: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: "127.0.0.1", port });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (!open) return;
    await sleep(100);
  }
  throw new Error(`Port ${port} is still in use: another server is running there.`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
