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
const REMIX_CLI = path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js");
const REMIX_SERVE_CLI = path.join(ROOT, "node_modules/@remix-run/serve/dist/cli.js");
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

/** `remix build` in production mode, with the benchmark's switches (see remix.config.js). */
export function remixBuild(env: Record<string, string>): Promise<void> {
  return runNodeScript(REMIX_CLI, ["build"], { NODE_ENV: "production", ...env }, 5 * 60_000);
}

/** A TypeScript script run with tsx, as npm scripts do. */
export function tsxScript(script: string, args: string[], env: Record<string, string>): Promise<void> {
  return runNodeScript(TSX_CLI, [script, ...args], env, 10 * 60_000);
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
  pid: number;
  stop: () => Promise<void>;
};

/**
 * Starts `remix-serve <build>` in production on a free loopback port and
 * waits until it answers. Node runs remix-serve's script directly (not
 * through npx or a shell), so `pid` is the server itself and its memory is
 * what we sample. Its request log goes to `logFile`.
 */
export async function startServer({
  serverBuild,
  env,
  logFile,
}: {
  serverBuild: string;
  env: Record<string, string>;
  logFile: string;
}): Promise<RunningServer> {
  const port = await freePort();
  const log = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, [REMIX_SERVE_CLI, serverBuild], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port) },
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  track(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    // remix-serve closes gracefully on SIGTERM, which waits for idle
    // keep-alive connections; we need it gone, not graceful.
    const forced = setTimeout(() => child.kill("SIGKILL"), 2_000);
    await exited;
    clearTimeout(forced);
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
      if (response.ok) return { origin, pid: child.pid!, stop };
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
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}
