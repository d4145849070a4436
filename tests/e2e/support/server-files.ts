/**
 * The files of the server the end-to-end tests run against, as
 * playwright.config.ts names them for the port (E2E_PORT, 3210 by default):
 * its database and the folder its mail is written to.
 */
import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const BASE_URL = `http://localhost:${E2E_PORT}`;
const TMP_DIR = path.resolve("tests/.tmp");
export const DATABASE_FILE = path.join(TMP_DIR, `e2e-${E2E_PORT}.db`);
export const MAIL_DIR = path.join(TMP_DIR, `mail-${E2E_PORT}`);
