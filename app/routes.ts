import type { RouteConfig } from "@react-router/dev/routes";
import { route } from "@react-router/dev/routes";
import { flatRoutes } from "@react-router/fs-routes";

/**
 * The route table: every file in app/routes by the flat-routes convention,
 * so an address follows its file's name (customers_.$customerId.tsx is
 * /customers/:customerId; a folder such as customers_.trial/ is one route,
 * its route.tsx). Dot files and tests are not routes.
 *
 * BENCH_BASELINE=1 adds the benchmark's bare routes (bench/*-route.tsx,
 * docs/performance.md). It needs BUILD_DIR (react-router.config.ts), so those
 * routes can never end up in build/.
 */
const benchBaseline = process.env.BENCH_BASELINE === "1";
if (benchBaseline && !process.env.BUILD_DIR) {
  throw new Error("BENCH_BASELINE=1 needs BUILD_DIR: the benchmark's routes must never be built into build/.");
}

export default [
  ...(await flatRoutes({ ignoredRouteFiles: ["**/.*", "**/*.test.*"] })),
  // Route files are relative to app/; these live outside it on purpose.
  ...(benchBaseline
    ? [
        route("__bench/baseline", "../bench/baseline-route.tsx", { id: "bench-baseline" }),
        route("__bench/floor", "../bench/floor-route.tsx", { id: "bench-floor" }),
      ]
    : []),
] satisfies RouteConfig;
