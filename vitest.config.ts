import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * Three projects (STYLE.md §6):
 * - `unit`: pure logic, no database.
 * - `integration`: real loaders and actions with real Requests, against a
 *   real migrated and seeded SQLite file per worker (tests/support/integration-setup.ts).
 * - `resilience`: the production build served by server.js, fuzzed, killed and
 *   raced (tests/resilience); run by `npm test` after the end-to-end tests.
 *
 * `npm run test:unit`, `npm run test:integration` and `npm run test:resilience` run one project each.
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
      {
        extends: true,
        test: {
          // The production server (node server.js) under hostile requests, kill -9
          // and concurrent writes (tests/resilience; docs/decisions/0010).
          name: "resilience",
          include: ["tests/resilience/**/*.test.ts"],
          globalSetup: ["tests/resilience/support/global-setup.ts"],
          // Each file starts servers of its own: one file at a time, or they fight for the 2 cores.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
