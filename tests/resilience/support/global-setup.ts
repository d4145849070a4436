/**
 * Runs once before the resilience project: makes sure there is a production
 * build to serve (BUILD_DIR's, or build/; built only when missing, as
 * `npm test` runs this stage right after the end-to-end stage built it), and
 * creates the template database with `db/setup.ts`, the command `npm start`
 * runs (every migration, then the demo data of SPEC §2). Each test copies it.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT, TMP_DIR } from "../../support/paths";
import { RESILIENCE_TEMPLATE_DB, SERVER_BUILD, buildRoot } from "./server";

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
}

export default function setup(): void {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  if (!fs.existsSync(path.join(buildRoot(), SERVER_BUILD))) {
    console.log(`No production build in ${path.relative(REPO_ROOT, buildRoot()) || "."}: building it.`);
    run(path.join(REPO_ROOT, "node_modules/.bin/react-router"), ["build"], { NODE_ENV: "production" });
  }
  for (const name of fs.readdirSync(TMP_DIR)) {
    if (name.startsWith("resilience-")) fs.rmSync(path.join(TMP_DIR, name), { force: true, recursive: true });
  }
  run(path.join(REPO_ROOT, "node_modules/.bin/tsx"), ["db/setup.ts"], { DATABASE_URL: RESILIENCE_TEMPLATE_DB });
  // db/setup.ts closes its connection, which checkpoints the WAL into the file: one file to copy.
  if (fs.existsSync(`${RESILIENCE_TEMPLATE_DB}-wal`)) throw new Error("The template database still has a WAL file");
}
