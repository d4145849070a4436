/**
 * Reading a request's body, within limits (docs/decisions/0021-request-limits.md).
 *
 * The guard screens every request that carries a body before any action runs
 * (`screenBody`): a body over BODY_LIMITS.bytes is refused without reading
 * the rest, and a form is parsed once and refused when it has too many
 * fields or too long a field, whether or not its action reads it. The
 * action then gets the same parsed form from `readForm`; the coming API
 * reads JSON through `readJson`. Nothing else reads a body.
 *
 * A refusal is a 413 Response, the app's error page. Once it is sent,
 * server.js drops (never keeps or parses) what the client is still sending,
 * up to a bound, then cuts the connection (server-pipeline.js, dropUnreadBody).
 */
import { badRequest, payloadTooLarge, unsupportedMediaType } from "./http.server";

/**
 * The limits of one request's body. No form of the console comes near them:
 * the largest, a confirmation of MAX_SELECTION (1,000) chosen customers, is
 * about 15 KB in 1,000 fields, and no single field holds more than a
 * 2,000-character return address.
 */
export const BODY_LIMITS = {
  /** Bytes of a form or JSON body, as sent. */
  bytes: 64 * 1024,
  /** Fields of one form (each repeated name counts). */
  fields: 1_100,
  /** Characters of one field's value (a file's bytes, for a multipart file). */
  fieldLength: 8 * 1024,
} as const;

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * Each request's body, read once: the guard reads it, the action gets the
 * same result. Keyed by the Request object, which Remix hands to the action
 * and the action to the guard and to readForm.
 */
const bodies = new WeakMap<Request, Promise<Uint8Array<ArrayBuffer>>>();
const forms = new WeakMap<Request, Promise<FormData>>();

function once<T>(memo: WeakMap<Request, Promise<T>>, request: Request, read: () => Promise<T>): Promise<T> {
  let result = memo.get(request);
  if (!result) {
    result = read();
    memo.set(request, result);
  }
  return result;
}

/**
 * The body's bytes, read until the limit and no further.
 * @throws a 413 Response when it says, or turns out, to be larger.
 */
function readBytes(request: Request): Promise<Uint8Array<ArrayBuffer>> {
  return once(bodies, request, async () => {
    const declared = request.headers.get("content-length");
    if (declared !== null && Number(declared) > BODY_LIMITS.bytes) throw payloadTooLarge();
    if (!request.body) return new Uint8Array(0);
    const reader = request.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      // Stop reading: the rest is dropped after the answer (dropUnreadBody).
      if (size > BODY_LIMITS.bytes) throw payloadTooLarge();
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  });
}

/**
 * What the guard refuses of a request's body before any action runs: more
 * bytes than BODY_LIMITS.bytes, and a form over its limits (readForm). A
 * body of another type is only measured; a request without one passes.
 * @throws a 413 Response over a limit; a 400 Response for a malformed form.
 */
export async function screenBody(request: Request): Promise<void> {
  if (request.method === "GET" || request.method === "HEAD") return;
  if (FORM_TYPES.includes(mediaType(request))) await readForm(request);
  else await readBytes(request);
}

/**
 * The request's form fields (URL-encoded or multipart), within BODY_LIMITS;
 * read once, however often it is asked for.
 * @throws a 413 Response when the body, the number of fields or one field is
 * over its limit; a 400 Response when the body is not a form.
 */
export function readForm(request: Request): Promise<FormData> {
  return once(forms, request, async () => {
    const type = request.headers.get("content-type");
    if (!FORM_TYPES.includes(mediaType(request))) throw badRequest();
    const bytes = await readBytes(request);
    let form: FormData;
    try {
      // Parsed from at most BODY_LIMITS.bytes, so the parser's work is bounded.
      form = await new Response(bytes, { headers: { "Content-Type": type! } }).formData();
    } catch {
      throw badRequest();
    }
    let fields = 0;
    for (const [, value] of form) {
      fields += 1;
      const length = typeof value === "string" ? value.length : value.size;
      if (fields > BODY_LIMITS.fields || length > BODY_LIMITS.fieldLength) throw payloadTooLarge();
    }
    return form;
  });
}

/**
 * A request carrying the same form, for code that reads the body itself
 * (remix-auth-form's strategy), after readForm has read it within the limits.
 */
export function requestWithForm(request: Request, form: FormData): Request {
  const body = new URLSearchParams();
  for (const [name, value] of form) if (typeof value === "string") body.append(name, value);
  const headers = new Headers(request.headers);
  headers.set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
  headers.delete("Content-Length");
  return new Request(request.url, { method: request.method, headers, body });
}

/**
 * The request's JSON body, within BODY_LIMITS.bytes. JSON.parse is linear in
 * the text, and the text is bounded.
 * @throws a 413 Response past the limit; a 415 Response when the body is not
 * declared as JSON; a 400 Response when it is not JSON.
 */
export async function readJson(request: Request): Promise<unknown> {
  const type = mediaType(request);
  if (type !== "application/json" && !type.endsWith("+json")) {
    throw unsupportedMediaType();
  }
  const bytes = await readBytes(request);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw badRequest();
  }
}
