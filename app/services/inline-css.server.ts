import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/**
 * Data-saver pages (F19) carry the app's stylesheet inline, so a page is one
 * request with nothing render-blocking after it, as long as the stylesheet
 * costs less inline than a request of its own. docs/decisions/0006-security-headers.md
 * ("Inline CSS on data-saver pages") has the measurements behind the limit:
 * about 14 KB is what a new connection delivers in its first round trip, and
 * one round trip on the links that send Save-Data carries more than that.
 */
export const INLINE_CSS_MAX_GZIP_BYTES = 14 * 1024;

let cached: { href: string; css: string | null } | undefined;

/**
 * The stylesheet at `href` (the build's "/assets/tailwind-….css") as
 * text to inline, or null to link it as usual: when its gzipped size is over
 * the limit, or it cannot be read (a development build, a test). Read once
 * per process; the file name changes with every build.
 */
export function stylesheetToInline(href: string): string | null {
  if (cached?.href === href) return cached.css;
  let css: string | null = null;
  if (/^\/assets\/[\w./-]+\.css$/.test(href) && !href.includes("..")) {
    try {
      // The browser's files are in <BUILD_DIR>/build/client, served at / (server.js).
      const text = fs.readFileSync(path.join(process.env.BUILD_DIR || ".", "build/client", href), "utf8");
      // A stylesheet cannot end the <style> element early.
      if (gzipSync(text).length <= INLINE_CSS_MAX_GZIP_BYTES) css = text.replace(/<\/style/gi, "<\\/style");
    } catch {
      css = null;
    }
  }
  cached = { href, css };
  return css;
}
