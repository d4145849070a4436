import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Scratch space of the test suites (git-ignored). */
export const TMP_DIR = path.join(REPO_ROOT, "tests/.tmp");
/** Migrated and seeded once per run by integration-global-setup.ts. */
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");
