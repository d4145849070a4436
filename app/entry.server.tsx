import crypto from "node:crypto";
import { PassThrough, Transform } from "node:stream";
import { ServerRouter, isRouteErrorResponse, type EntryContext, type HandleDataRequestFunction, type HandleErrorFunction } from "react-router";
import { createReadableStreamFromReadable } from "@react-router/node";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { applySecurityHeaders } from "~/services/security-headers.server";
import { startBackgroundWork } from "~/services/background.server";
import { warmPasswordStrength } from "~/services/password-strength.server";
import { NonceProvider } from "~/utils/nonce";
import { DocumentOnlyContext } from "~/utils/document-only";
import { takeDocumentOnlyData } from "~/services/document-only.server";
import { RequestLocaleContext } from "~/utils/request-locale";
import { getLocale } from "~/services/preferences.server";
import { createTranslator } from "~/i18n/translate";
import { isLocale, type Locale } from "~/i18n/locales";

/** How long React Router keeps a loader's promises pending in a streamed answer (no page defers any). */
export const streamTimeout = 5_000;
/** How long a render may take before it is given up (see handleRequest). */
const RENDER_LIMIT_MS = 30_000;

startBackgroundWork();
// Every worker answers password forms: each reads the strength check's word lists once, soon after start.
warmPasswordStrength();

/** server.js runs every request inside a request scope of its own (request-scope.server.ts). */
export { runInRequestScope } from "~/services/request-scope.server";

/**
 * Renders the whole document before sending it (onAllReady): nothing is
 * streamed in later, so a page without JavaScript gets everything.
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
) {
  const nonce = crypto.randomBytes(16).toString("base64");
  // React Router skips the root loader when the root's ErrorBoundary shows an
  // action's error: that page still speaks the request's language.
  const locale = rootLocale(routerContext) ?? (await getLocale(request));
  if (savesData(routerContext)) return renderWhole(request, responseStatusCode, responseHeaders, routerContext, nonce, locale);
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // No page defers data, so a render only waits for the CPU: on a busy
    // server a render queued for a few seconds is slow, not stuck, and
    // aborting it would turn a good page into a 500 (the resilience tests'
    // concurrency run saw exactly that with a 6-second timer). Only a render
    // still not done after RENDER_LIMIT_MS is aborted, and said so in the log.
    // Cleared once the document is complete: a pending timer keeps the
    // finished render, and its whole document, in memory (docs/performance.md).
    const abortTimer = setTimeout(() => {
      console.error(`Render of ${new URL(request.url).pathname} aborted after ${RENDER_LIMIT_MS} ms`);
      abort();
    }, RENDER_LIMIT_MS);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RequestLocaleContext.Provider value={locale}>
          <DocumentOnlyContext.Provider value={takeDocumentOnlyData()}>
            <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
          </DocumentOnlyContext.Provider>
        </RequestLocaleContext.Provider>
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
            ? createTranslator(localeOf(routerContext))("title.error", { title: "" })
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

/** Data saver (F19): the root loader decided the page carries no script. */
function savesData(context: EntryContext): boolean {
  const root = context.staticHandlerContext.loaderData.root as { dataSaver?: unknown } | undefined;
  return root?.dataSaver === true;
}

/**
 * A data-saver page hydrates nothing and waits for nothing (no Suspense
 * resolves later), so it is rendered in one synchronous pass with
 * `renderToString`: none of the streaming machinery (a stream, its chunks,
 * the abort timer) that the pages with JavaScript need
 * (docs/performance.md). React adds the doctype only when it streams.
 */
function renderWhole(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  nonce: string,
  locale: Locale,
): Response {
  let html = renderToString(
    <NonceProvider value={nonce}>
      <RequestLocaleContext.Provider value={locale}>
        <DocumentOnlyContext.Provider value={takeDocumentOnlyData()}>
          <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
        </DocumentOnlyContext.Provider>
      </RequestLocaleContext.Provider>
    </NonceProvider>,
  );
  if (showsFormErrors(request, responseStatusCode)) {
    const prefix = createTranslator(localeOf(routerContext))("title.error", { title: "" });
    html = html.replace("<title>", () => `<title>${prefix}`);
  }
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  applySecurityHeaders(request, responseHeaders, nonce);
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}

/** A form sent without JavaScript came back with its errors (400) or a conflict (409). */
function showsFormErrors(request: Request, status: number): boolean {
  return request.method !== "GET" && (status === 400 || status === 409);
}

function localeOf(context: EntryContext) {
  const root = context.staticHandlerContext.loaderData.root as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : "en";
}

/** The root loader's locale, when it ran. */
function rootLocale(context: EntryContext) {
  const root = context.staticHandlerContext.loaderData.root as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : undefined;
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

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  // A 4xx the router made itself (a POST to a page without a form: 405) is
  // the client's doing, not a fault: logging its stack would let anyone fill
  // the log.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  // Logged on the server only; the browser never sees a stack trace.
  console.error(error);
};
