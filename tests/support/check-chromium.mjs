#!/usr/bin/env node
/**
 * The end-to-end tests drive the system's Chromium (see playwright.config.ts):
 * Playwright's own download needs internet access we do not have. This stops
 * `npm run test:e2e` early, with a way to fix it, when that browser is missing.
 */
import { accessSync, constants, statSync } from "node:fs";

const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

function isExecutableFile(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

if (!isExecutableFile(path)) {
  console.error(
    `Chromium not found at ${path}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH)`,
  );
  process.exit(1);
}
console.log(`Chromium found at ${path}.`);
