/**
 * What a page weighs (SPEC §7): its HTML, the CSS it links and the
 * JavaScript it loads at start-up, gzipped.
 *
 * The figures are the bytes the server actually sends to a browser that
 * accepts gzip (server.js's compression middleware): that is what a user
 * downloads. They can differ from gzipping the file in one go, because the
 * server flushes the compressor after every chunk it writes; so the HTML's
 * one-go gzip (level 6) is reported beside it, and a gap between the two
 * means the page is written in too many small chunks.
 *
 * "The JavaScript it loads" is every module the browser fetches before the
 * page is interactive: <script src>, <link rel="modulepreload">, the imports
 * (static, and the dynamic import of the entry) of inline module scripts,
 * and then, transitively, every static import of those modules; the
 * message catalogue that entry.client.tsx imports before hydrating is one
 * of the modulepreloads (app/i18n/CatalogPreloads.tsx). Lazy
 * imports inside modules (other routes) are not counted.
 */
import http from "node:http";
import { gunzipSync, gzipSync } from "node:zlib";

export type PageWeight = {
  htmlBytes: number;
  /** As sent, gzipped. */
  htmlGzip: number;
  /** The same HTML gzipped in one go: what it would be without the server's flushes. */
  htmlGzipOneGo: number;
  /** `<script` tags in the HTML (with data saver: must be 0). */
  scriptTags: number;
  css: { url: string; gzip: number }[];
  cssGzip: number;
  js: { url: string; gzip: number }[];
  jsGzip: number;
};

function attributes(tag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:-]+)\s*=\s*"([^"]*)"/g)) {
    // As a browser reads it: "&amp;" in an address is "&".
    result[match[1]!.toLowerCase()] = match[2]!.replace(/&amp;/g, "&");
  }
  return result;
}

/**
 * Static `import ... from "x"` and `import "x"` (minified or not). Only
 * relative and absolute addresses: a page has no import map, so a bare name
 * ("react-router/dom") is text in a string, such as an error message.
 */
function staticImports(code: string): string[] {
  return [...code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g)]
    .map((m) => m[1]!)
    .filter((spec) => /^\.{0,2}\//.test(spec));
}

/** `import("x")` with a literal: in an inline script, it runs when the page loads. */
function dynamicImports(code: string): string[] {
  return [...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
}

/**
 * GETs a URL as a browser accepting gzip: the bytes as they came over the
 * wire, and the body once decoded. node:http rather than fetch, which would
 * decode the body and hide the size sent.
 */
function fetchAsSent(url: string, headers: Record<string, string> = {}): Promise<{ sent: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { ...headers, "accept-encoding": "gzip" }, timeout: 30_000 }, (response) => {
      const pieces: Buffer[] = [];
      response.on("data", (piece: Buffer) => pieces.push(piece));
      response.on("error", reject);
      response.on("end", () => {
        if (response.statusCode !== 200) return reject(new Error(`GET ${url} answered ${response.statusCode}, not 200`));
        const raw = Buffer.concat(pieces);
        const gzipped = response.headers["content-encoding"] === "gzip";
        resolve({ sent: raw.length, body: gzipped ? gunzipSync(raw) : raw });
      });
    });
    request.on("timeout", () => request.destroy(new Error(`GET ${url} timed out`)));
    request.on("error", reject);
  });
}

/** Weighs the page at `url` as a browser with these headers (cookie, Save-Data) would load it. */
export async function weighPage(url: string, headers: Record<string, string>): Promise<PageWeight> {
  const page = await fetchAsSent(url, headers);
  const html = page.body.toString("utf8");

  const cssUrls = new Set<string>();
  const jsQueue: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = attributes(tag);
    if (!attrs.href) continue;
    if (attrs.rel === "stylesheet") cssUrls.add(new URL(attrs.href, url).href);
    if (attrs.rel === "modulepreload") jsQueue.push(new URL(attrs.href, url).href);
  }
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = attributes(`<script ${match[1]}>`);
    if (attrs.src) jsQueue.push(new URL(attrs.src, url).href);
    if (attrs.type === "module") {
      for (const spec of [...staticImports(match[2]!), ...dynamicImports(match[2]!)]) {
        jsQueue.push(new URL(spec, url).href);
      }
    }
  }

  const css = await Promise.all(
    [...cssUrls].map(async (cssUrl) => ({ url: cssUrl, gzip: (await fetchAsSent(cssUrl)).sent })),
  );

  const js: { url: string; gzip: number }[] = [];
  const seen = new Set<string>();
  while (jsQueue.length > 0) {
    const moduleUrl = jsQueue.shift()!;
    if (seen.has(moduleUrl)) continue;
    seen.add(moduleUrl);
    const code = await fetchAsSent(moduleUrl);
    js.push({ url: moduleUrl, gzip: code.sent });
    for (const spec of staticImports(code.body.toString("utf8"))) {
      jsQueue.push(new URL(spec, moduleUrl).href);
    }
  }

  const sum = (items: { gzip: number }[]) => items.reduce((total, item) => total + item.gzip, 0);
  return {
    htmlBytes: page.body.length,
    htmlGzip: page.sent,
    htmlGzipOneGo: gzipSync(page.body, { level: 6 }).length,
    scriptTags: (html.match(/<script\b/gi) ?? []).length,
    css,
    cssGzip: sum(css),
    js,
    jsGzip: sum(js),
  };
}
