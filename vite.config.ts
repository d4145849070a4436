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
export default defineConfig({
  plugins: [reactRouter()],
  resolve: {
    // "~/..." is app/ (tsconfig.json's paths; vitest.config.ts says the same).
    alias: { "~": path.join(root, "app") },
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
  },
});
