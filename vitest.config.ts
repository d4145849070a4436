import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * Two projects (STYLE.md §6):
 * - `unit`: pure logic, no database.
 * - `integration`: real loaders and actions with real Requests, against a
 *   real migrated and seeded SQLite file per worker (tests/support/integration-setup.ts).
 *
 * `npm run test:unit` and `npm run test:integration` run one project each.
 */
export default defineConfig({
  root,
  resolve: {
    alias: { "~": path.join(root, "app") },
  },
  test: {
    environment: "node",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/integration-global-setup.ts"],
          setupFiles: ["tests/support/integration-setup.ts"],
          // argon2 hashing and the first import of the route modules take a moment.
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
