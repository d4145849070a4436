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
          const document = wholeDocument();
          document.pipe(body);
          if (showsFormErrors(request, responseStatusCode)) {
            const prefix = createTranslator(localeOf(remixContext))("title.error", { title: "" });
            pipe(prefixTitle(prefix)).pipe(document);
          } else {
            pipe(document);
          }
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

/**
 * The document in one chunk instead of React's pieces of about 2 KB. The
 * server flushes the response after every chunk, and with gzip each flush
 * ends a compressed block: a list page went out as 24 KB instead of 10 KB,
 * and cost a compression flush and a socket write per piece
 * (docs/performance.md). The whole document is ready anyway (onAllReady).
 */
function wholeDocument(): Transform {
  const pieces: Buffer[] = [];
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      pieces.push(chunk);
      callback();
    },
    flush(callback) {
      callback(null, Buffer.concat(pieces));
    },
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
 * GOV.UK's "Error: " before the page title when a form has errors, so a
 * screen reader hears it first. Route meta functions cannot see action data,
 * so the title is prefixed here, in the first chunk that holds it (the head
 * is rendered in one piece). ErrorSummary does the same after a client-side
 * submission.
 */
function prefixTitle(prefix: string): Transform {
  let done = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (done) return callback(null, chunk);
      const html = chunk.toString("utf8");
      const at = html.indexOf("<title>");
      if (at === -1) return callback(null, chunk);
      done = true;
      const open = at + "<title>".length;
      callback(null, Buffer.from(html.slice(0, open) + prefix + html.slice(open), "utf8"));
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
