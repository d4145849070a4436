import path from "node:path";
import { fileURLToPath } from "node:url";
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The build (`npm run build`, `npm run dev`): React Router's Vite plugin, with
 * its settings in react-router.config.ts. Tailwind runs through PostCSS
 * (postcss.config.js), which Vite picks up by itself.
 */
/**
 * React Router's published package points every bundler at its development
 * build (its warnings included); the browser's build takes its production
 * build instead, both entry points from the same folder so that they share
 * one copy of the router (docs/performance.md, "Issue 19").
 */
const reactRouterProduction = [
  { find: /^react-router$/, replacement: path.join(root, "node_modules/react-router/dist/production/index.mjs") },
  { find: /^react-router\/dom$/, replacement: path.join(root, "node_modules/react-router/dist/production/dom-export.mjs") },
];

export default defineConfig(({ command, isSsrBuild }) => ({
  plugins: [reactRouter()],
  resolve: {
    alias: [
      // "~/..." is app/ (tsconfig.json's paths; vitest.config.ts says the same).
      { find: /^~\//, replacement: `${path.join(root, "app")}/` },
      ...(command === "build" && !isSsrBuild ? reactRouterProduction : []),
    ],
  },
  optimizeDeps: {
    // Server-only (app/services/auth.server.ts): the development server's scan
    // of the routes' imports finds it, and its browser build needs a package
    // the app does not install.
    exclude: ["@node-rs/argon2"],
  },
  build: {
    // Every asset a file of its own, none inlined as a data: URL: icons.svg is
    // <use>d by address (app/components/ui/icons.tsx), which a data: URL
    // cannot be, and a file is cached once for every page.
    assetsInlineLimit: 0,
    // The browser's code minified by terser (esbuild for the server's, which
    // nobody downloads): 3.5 KB less JavaScript gzipped on the list page than
    // esbuild's minifier, for a build a few seconds longer (docs/performance.md,
    // "Issue 19"). `module`: every chunk is an ES module.
    minify: isSsrBuild ? "esbuild" : "terser",
    terserOptions: { module: true, compress: { passes: 3 }, format: { comments: false } },
  },
}));
