#!/usr/bin/env node
/**
 * `npm test`: every check the project has, in order, each one run even when
 * an earlier one failed, so a single run shows everything that is wrong:
 *
 *   1. typecheck          react-router typegen, then tsc --noEmit
 *   2. lint               eslint --max-warnings 0 .
 *   3. unit tests         vitest, project "unit"
 *   4. integration tests  vitest, project "integration"
 *   5. end-to-end tests   Chromium check, production build, playwright test
 *   6. resilience tests   vitest, project "resilience": the production build
 *                         (the one stage 5 made; built when missing) fuzzed,
 *                         killed with SIGKILL and raced (tests/resilience)
 *
 * It installs nothing: every tool comes from node_modules/.bin (run `npm ci`
 * first). It prints a summary per stage and, as its very last line, the
 * totals of tests in exactly this form (CI reads it):
 *
 *   N passed, N failed
 *
 * Only tests are counted. A stage that fails without failed tests to show
 * for it (typecheck, lint, a crash, a build error, a test file that does not
 * load) adds 1 to "failed". The exit code is 0 only when nothing failed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const tmp = path.join(root, "tests/.tmp");
/** Where playwright.config.ts has its json reporter write (keep the two in step). */
const PLAYWRIGHT_REPORT = path.join(tmp, "playwright-results.json");

mkdirSync(tmp, { recursive: true });

function bin(name) {
  return path.join(root, "node_modules/.bin", name);
}

/** Runs one command with its output shown as it comes; returns its exit code (1 when it could not start). */
function run(label, command, args, env = {}) {
  console.log(`\n$ ${[path.relative(root, command) || command, ...args].join(" ")}`);
  if (path.isAbsolute(command) && !existsSync(command)) {
    console.error(`${label}: ${path.relative(root, command)} is missing. Run "npm ci" first.`);
    return 1;
  }
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ...env },
  });
  if (result.error) {
    console.error(`${label}: could not start ${command}: ${result.error.message}`);
    return 1;
  }
  if (result.signal) {
    console.error(`${label}: stopped by ${result.signal}`);
    return 1;
  }
  return result.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function banner(title) {
  const line = "=".repeat(72);
  console.log(`\n${line}\n${title}\n${line}`);
}

/** A stage that runs a command and counts no tests (typecheck, lint). */
function checkStage(name, command, args) {
  return () => {
    const code = run(name, command, args);
    return { ok: code === 0, code, passed: 0, failed: code === 0 ? 0 : 1, note: code === 0 ? "ok" : `failed (exit ${code})` };
  };
}

/** The route modules' generated types (.react-router/types), then tsc; counts no tests. */
function typecheckStage(name) {
  return () => {
    const typegen = run(name, bin("react-router"), ["typegen"]);
    if (typegen !== 0) return { ok: false, code: typegen, passed: 0, failed: 1, note: `typegen failed (exit ${typegen})` };
    return checkStage(name, bin("tsc"), ["--noEmit"])();
  };
}

/** A vitest project, counted from its json report. */
function vitestStage(name, project) {
  return () => {
    const report = path.join(tmp, `vitest-${project}.json`);
    rmSync(report, { force: true });
    const code = run(name, bin("vitest"), [
      "run",
      "--project",
      project,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
    ]);
    const json = readJson(report);
    const passed = Number(json?.numPassedTests ?? 0);
    let failed = Number(json?.numFailedTests ?? 0);
    const skipped = Number(json?.numPendingTests ?? 0) + Number(json?.numTodoTests ?? 0);
    const failedFiles = Number(json?.numFailedTestSuites ?? 0);
    // A file that did not load, no test files, or a crash: failed, though no test says so.
    if (code !== 0 && failed === 0) failed = 1;
    const parts = [`${passed} passed`, `${failed} failed`];
    if (skipped) parts.push(`${skipped} skipped`);
    if (failedFiles) parts.push(`${failedFiles} file(s) failed`);
    if (!json) parts.push("no report");
    return { ok: code === 0 && failed === 0, code, passed, failed, note: parts.join(", ") };
  };
}

/** Chromium present, production build, then Playwright; counted from its json report. */
function endToEndStage(name) {
  return () => {
    rmSync(PLAYWRIGHT_REPORT, { force: true });
    const chromium = run(name, process.execPath, [path.join(root, "tests/support/check-chromium.mjs")]);
    if (chromium !== 0) return { ok: false, code: chromium, passed: 0, failed: 1, note: "Chromium missing: not run" };
    const build = run(name, bin("react-router"), ["build"]);
    if (build !== 0) return { ok: false, code: build, passed: 0, failed: 1, note: `build failed (exit ${build}): not run` };
    const code = run(name, bin("playwright"), ["test"]);
    const stats = readJson(PLAYWRIGHT_REPORT)?.stats;
    // Flaky: failed, then passed on a retry (CI only). Counted as passed, but named.
    const flaky = Number(stats?.flaky ?? 0);
    const passed = Number(stats?.expected ?? 0) + flaky;
    let failed = Number(stats?.unexpected ?? 0);
    const skipped = Number(stats?.skipped ?? 0);
    // The web server did not start, a config error, an interrupted run...
    if (code !== 0 && failed === 0) failed = 1;
    const parts = [`${passed} passed`, `${failed} failed`];
    if (flaky) parts.push(`${flaky} flaky`);
    if (skipped) parts.push(`${skipped} skipped`);
    if (!stats) parts.push("no report");
    return { ok: code === 0 && failed === 0, code, passed, failed, note: parts.join(", ") };
  };
}

const stages = [
  { name: "typecheck", run: typecheckStage("typecheck") },
  { name: "lint", run: checkStage("lint", bin("eslint"), ["--max-warnings", "0", "."]) },
  { name: "unit tests", run: vitestStage("unit tests", "unit") },
  { name: "integration tests", run: vitestStage("integration tests", "integration") },
  { name: "end-to-end tests", run: endToEndStage("end-to-end tests") },
  { name: "resilience tests", run: vitestStage("resilience tests", "resilience") },
];

const results = [];
for (const stage of stages) {
  banner(`Stage: ${stage.name}`);
  const started = Date.now();
  let outcome;
  try {
    outcome = stage.run();
  } catch (error) {
    console.error(`${stage.name}: ${error instanceof Error ? error.stack : String(error)}`);
    outcome = { ok: false, code: 1, passed: 0, failed: 1, note: "crashed" };
  }
  results.push({ name: stage.name, seconds: (Date.now() - started) / 1000, ...outcome });
}

banner("Summary");
const width = Math.max(...results.map((r) => r.name.length));
for (const r of results) {
  const verdict = r.ok ? "PASS" : "FAIL";
  console.log(`${verdict}  ${r.name.padEnd(width)}  ${r.note}  (${r.seconds.toFixed(1)}s)`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
const allOk = results.every((r) => r.ok) && failed === 0;
console.log("");
// The last line, exactly: CI and people read it.
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = allOk ? 0 : 1;
