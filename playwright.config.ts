import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests (STYLE.md §6): Playwright journeys against the PRODUCTION
 * build, each run twice, with JavaScript on and with JavaScript off.
 *
 * `npm run test:e2e` checks for Chromium, builds, then runs this. The web
 * server below starts from a fresh SQLite file every run, so the demo data of
 * SPEC §2 is exactly as seeded and no run depends on the one before.
 *
 * We use the system's Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH)
 * rather than Playwright's download: `npx playwright install` needs an
 * internet connection that CI and our machines do not have.
 */

const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://localhost:${PORT}`;
const TMP_DIR = "tests/.tmp";
// One file per port, so two runs on different ports never delete each other's.
const DATABASE_FILE = `${TMP_DIR}/e2e-${PORT}.db`;
/** Where the server writes its mail as .eml files (no SMTP_URL): team.spec.ts reads invitations there. */
/** Where the server writes its mail, as .eml files (tests/e2e/support/server-files.ts names it too). */
const MAIL_DIR = `${TMP_DIR}/mail-${PORT}`;
/** Read by tests/support/run-all.mjs to sum the results (keep the two in step). */
const JSON_REPORT_FILE = `${TMP_DIR}/playwright-results.json`;
/** Per port, so that two runs on one machine never delete each other's traces. */
const OUTPUT_DIR = `${TMP_DIR}/playwright-output-${PORT}`;

/**
 * Journeys that change the shared demo data in ways other journeys would
 * see mid-run (customers created, converted, unlinked, Partner Assistance
 * turned on and off, renames in the activity log): they run last.
 */
const WRITER_SPECS = [
  "**/new-customers.spec.ts",
  "**/account-changes.spec.ts",
  "**/partner-assistance.spec.ts",
  "**/activity-log.spec.ts",
];

const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const serverEnv = {
  NODE_ENV: "production",
  PORT: String(PORT),
  DATABASE_URL: DATABASE_FILE,
  // The session sweep and the CRM outbox worker stay off: tests drive them.
  BACKGROUND_WORK: "off",
  SESSION_SECRET: "e2e-test-session-secret-not-for-production",
  // Mail (password resets, invitations) as .eml files here, with links to this server; the
  // mail worker is off with the rest of the background work: tests run it (support/mail.ts).
  MAIL_DIR,
  PUBLIC_URL: BASE_URL,
  // The build under test: build/ (npm run build), or BUILD_DIR's when set.
  ...(process.env.BUILD_DIR ? { BUILD_DIR: process.env.BUILD_DIR } : {}),
};

// Delete the database (and its WAL files), create it with the demo data,
// then serve the build with the production server (server.js: a worker per
// core). `exec` makes it the process Playwright stops.
const serverCommand = [
  `mkdir -p ${TMP_DIR}`,
  `rm -f ${DATABASE_FILE} ${DATABASE_FILE}-wal ${DATABASE_FILE}-shm`,
  `rm -rf ${MAIL_DIR}`,
  "./node_modules/.bin/tsx db/setup.ts",
  "exec node server.js",
].join(" && ");

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: OUTPUT_DIR,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // Retries hide flaky tests, so none locally; one in CI, where a machine
  // hiccup should not fail the build (run-all.mjs reports any flaky test).
  retries: process.env.CI ? 1 : 0,
  // The machines this runs on have 2 cores; the server needs some of them too.
  workers: 2,
  // Generous: the suite shares a small machine with the server it tests.
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: JSON_REPORT_FILE }]],
  use: {
    baseURL: BASE_URL,
    // English unless a test asks for another language.
    locale: "en-GB",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  // Every test runs in both JavaScript modes, except those tagged for one of
  // them: @js-only (needs JavaScript, e.g. the contact card as a dialog) and
  // @no-js-only (about the page without JavaScript).
  //
  // The specs that change what every list shows (they create, convert and
  // unlink customers, change Partner Assistance, rename) run after all the
  // others, whose journeys compare lists and counts across page loads: the
  // "writes" projects depend on the two others (see WRITER_SPECS).
  projects: [
    {
      name: "js-on",
      grepInvert: /@no-js-only/,
      testIgnore: WRITER_SPECS,
      use: { browserName: "chromium", javaScriptEnabled: true },
    },
    {
      name: "js-off",
      grepInvert: /@js-only/,
      testIgnore: WRITER_SPECS,
      use: { browserName: "chromium", javaScriptEnabled: false },
    },
    {
      name: "js-on-writes",
      grepInvert: /@no-js-only/,
      testMatch: WRITER_SPECS,
      dependencies: ["js-on", "js-off"],
      use: { browserName: "chromium", javaScriptEnabled: true },
    },
    {
      name: "js-off-writes",
      grepInvert: /@js-only/,
      testMatch: WRITER_SPECS,
      dependencies: ["js-on", "js-off"],
      use: { browserName: "chromium", javaScriptEnabled: false },
    },
  ],
  webServer: {
    command: serverCommand,
    url: `${BASE_URL}/sign-in`,
    env: serverEnv,
    // Always our own server on a fresh database, never one left running.
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
