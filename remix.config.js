/**
 * Two switches used only by the benchmark (bench/run.ts, docs/performance.md):
 * - BENCH_OUTPUT_DIR writes the build there instead of build/ and
 *   public/build, so a benchmark never races `npm run build` or the e2e tests.
 * - BENCH_BASELINE=1 adds one bare route (bench/baseline-route.tsx). It needs
 *   BENCH_OUTPUT_DIR, so that route can never end up in build/.
 * `npm run build` sets neither.
 */
const benchOutputDir = process.env.BENCH_OUTPUT_DIR;
const benchBaseline = process.env.BENCH_BASELINE === "1";
if (benchBaseline && !benchOutputDir) {
  throw new Error("BENCH_BASELINE=1 needs BENCH_OUTPUT_DIR: the baseline route must never be built into build/.");
}

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  // better-sqlite3 and argon2 are native addons: load them from node_modules.
  serverDependenciesToBundle: [/^remix-auth/, /^@conform-to\//],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
  ...(benchOutputDir
    ? {
        serverBuildPath: `${benchOutputDir}/build/index.js`,
        assetsBuildDirectory: `${benchOutputDir}/public/build`,
        cacheDirectory: `${benchOutputDir}/cache`,
      }
    : {}),
  ...(benchBaseline
    ? {
        // Route files are relative to app/; this one lives outside it on purpose.
        routes: (defineRoutes) =>
          defineRoutes((route) => {
            route("__bench/baseline", "../bench/baseline-route.tsx", { id: "bench-baseline" });
          }),
      }
    : {}),
};
