import path from "node:path";
import type { Config } from "@react-router/dev/config";

/**
 * React Router's settings (framework mode, built by Vite: vite.config.ts; the
 * route table is app/routes.ts).
 *
 * BUILD_DIR builds into `<dir>/build` (the server at build/server/index.js,
 * the browser's files in build/client) instead of ./build, for builds that
 * must not touch the usual one (the benchmark, docs/performance.md; a second
 * test run); server.js serves from the same BUILD_DIR. `npm run build` sets
 * none. BENCH_BASELINE=1 (the benchmark's bare routes) is read in
 * app/routes.ts.
 */
const buildDir = process.env.BUILD_DIR;

export default {
  ssr: true,
  serverModuleFormat: "esm",
  buildDirectory: buildDir ? path.join(path.resolve(buildDir), "build") : "build",
} satisfies Config;
