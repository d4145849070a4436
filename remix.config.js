/**
 * Two switches, for builds that must not touch the usual build/ and
 * public/build (the benchmark, docs/performance.md; a second test run):
 * - BUILD_DIR writes the server build to <dir>/build/index.js and the assets
 *   to <dir>/public/build; server.js serves from the same BUILD_DIR.
 * - BENCH_BASELINE=1 adds the benchmark's bare routes (bench/*-route.tsx). It
 *   needs BUILD_DIR, so those routes can never end up in build/.
 * `npm run build` sets neither.
 */
const buildDir = process.env.BUILD_DIR;
const benchBaseline = process.env.BENCH_BASELINE === "1";
if (benchBaseline && !buildDir) {
  throw new Error("BENCH_BASELINE=1 needs BUILD_DIR: the benchmark's routes must never be built into build/.");
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
  ...(buildDir
    ? {
        serverBuildPath: `${buildDir}/build/index.js`,
        assetsBuildDirectory: `${buildDir}/public/build`,
        cacheDirectory: `${buildDir}/cache`,
      }
    : {}),
  ...(benchBaseline
    ? {
        // Route files are relative to app/; this one lives outside it on purpose.
        routes: (defineRoutes) =>
          defineRoutes((route) => {
            route("__bench/baseline", "../bench/baseline-route.tsx", { id: "bench-baseline" });
            route("__bench/floor", "../bench/floor-route.tsx", { id: "bench-floor" });
          }),
      }
    : {}),
};
