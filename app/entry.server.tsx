import crypto from "node:crypto";
import { PassThrough, Transform } from "node:stream";
import type { EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { applySecurityHeaders } from "~/services/security-headers.server";
import { startBackgroundWork } from "~/services/background.server";
import { NonceProvider } from "~/utils/nonce";
import { createTranslator } from "~/i18n/translate";
import { isLocale } from "~/i18n/locales";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

startBackgroundWork();

/**
 * Renders the whole document before sending it (onAllReady): nothing is
 * streamed in later, so a page without JavaScript gets everything.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const nonce = crypto.randomBytes(16).toString("base64");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Aborts a render still pending after ABORT_DELAY. Cleared once the
    // document is complete: a pending timer keeps the finished render, and
    // its whole document, in memory for six more seconds (docs/performance.md).
    const abortTimer = setTimeout(() => abort(), ABORT_DELAY + 1000);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true;
          clearTimeout(abortTimer);
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          applySecurityHeaders(request, responseHeaders, nonce);
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          const prefix = showsFormErrors(request, responseStatusCode)
            ? createTranslator(localeOf(remixContext))("title.error", { title: "" })
            : "";
          pipe(wholeDocument(prefix)).pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
  });
}

/** A form sent without JavaScript came back with its errors (400) or a conflict (409). */
function showsFormErrors(request: Request, status: number): boolean {
  return request.method !== "GET" && (status === 400 || status === 409);
}

function localeOf(context: EntryContext) {
  const root = context.staticHandlerContext.loaderData.root as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : "en";
}

/**
 * The document in one chunk instead of React's pieces of about 2 KB. The
 * server flushes the response after every chunk, and with gzip each flush
 * ends a compressed block: a list page went out as 24 KB instead of 10 KB,
 * and cost a compression flush and a socket write per piece
 * (docs/performance.md). The whole document is ready anyway (onAllReady).
 *
 * `titlePrefix` is GOV.UK's "Error: " before the page title when a form
 * came back with errors, so a screen reader hears it first. Route meta
 * functions cannot see action data, so it is added here, on the bytes
 * (ErrorSummary does the same after a client-side submission).
 */
function wholeDocument(titlePrefix: string): Transform {
  const pieces: Buffer[] = [];
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      pieces.push(chunk);
      callback();
    },
    flush(callback) {
      let html = Buffer.concat(pieces);
      const at = titlePrefix ? html.indexOf("<title>") : -1;
      if (at !== -1) {
        const open = at + "<title>".length;
        html = Buffer.concat([html.subarray(0, open), Buffer.from(titlePrefix, "utf8"), html.subarray(open)]);
      }
      callback(null, html);
    },
  });
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  applySecurityHeaders(request, response.headers);
  return response;
};

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Logged on the server only; the browser never sees a stack trace.
  console.error(error);
}
