/**
 * Real `Request`s for calling loaders and actions, and a small cookie jar.
 *
 * Every request is for http://localhost (or the origin given). POSTs carry
 * the `Origin` + `Host` pair a browser sends for a same-origin form, so they
 * pass the app's cross-site check (csrf.server.ts) unless a test overrides
 * them.
 */
export const ORIGIN = "http://localhost";

export type RequestOptions = {
  /** A `Cookie` header value, or a jar. */
  cookie?: string | CookieJar;
  headers?: Record<string, string>;
  /** Another origin for the URL, e.g. https://localhost. */
  origin?: string;
};

function cookieHeader(cookie: RequestOptions["cookie"]): string | undefined {
  if (cookie === undefined) return undefined;
  const value = typeof cookie === "string" ? cookie : cookie.header();
  return value === "" ? undefined : value;
}

function buildHeaders(options: RequestOptions, base: Record<string, string>): Headers {
  const headers = new Headers(base);
  const cookie = cookieHeader(options.cookie);
  if (cookie) headers.set("Cookie", cookie);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  return headers;
}

/** A GET for a path of the site ("/customers?page=2"). */
export function get(path: string, options: RequestOptions = {}): Request {
  const origin = options.origin ?? ORIGIN;
  return new Request(new URL(path, origin), {
    method: "GET",
    headers: buildHeaders(options, { Host: new URL(origin).host }),
  });
}

export type FormBody = Record<string, string | string[]> | URLSearchParams;

/** A same-origin form POST (application/x-www-form-urlencoded), as a browser sends it. */
export function post(path: string, form: FormBody = {}, options: RequestOptions = {}): Request {
  const origin = options.origin ?? ORIGIN;
  const body = new URLSearchParams();
  if (form instanceof URLSearchParams) {
    form.forEach((value, name) => body.append(name, value));
  } else {
    for (const [name, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    }
  }
  return new Request(new URL(path, origin), {
    method: "POST",
    headers: buildHeaders(options, {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: origin,
      Host: new URL(origin).host,
    }),
    body: body.toString(),
  });
}

export type ParsedSetCookie = {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
  /** Whether the cookie tells the browser to forget it (Max-Age=0 or an Expires in the past). */
  clears: boolean;
};

/** One Set-Cookie header, with its attribute names lower-cased. */
export function parseSetCookie(header: string): ParsedSetCookie {
  const [pair = "", ...rest] = header.split(";");
  const eq = pair.indexOf("=");
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  const attributes: Record<string, string | true> = {};
  for (const part of rest) {
    const i = part.indexOf("=");
    if (i === -1) attributes[part.trim().toLowerCase()] = true;
    else attributes[part.slice(0, i).trim().toLowerCase()] = part.slice(i + 1).trim();
  }
  const maxAge = attributes["max-age"];
  const expires = attributes["expires"];
  const clears =
    value === "" ||
    (typeof maxAge === "string" && Number(maxAge) <= 0) ||
    (typeof expires === "string" && Date.parse(expires) <= Date.now());
  return { name, value, attributes, clears };
}

export function setCookies(headers: Headers): ParsedSetCookie[] {
  return headers.getSetCookie().map(parseSetCookie);
}

/** The Set-Cookie for one cookie name, if the response sets it. */
export function findSetCookie(headers: Headers, name: string): ParsedSetCookie | undefined {
  return setCookies(headers).find((cookie) => cookie.name === name);
}

/** Cookies as a browser keeps them: Set-Cookie in, Cookie header out. */
export class CookieJar {
  private cookies = new Map<string, string>();

  constructor(initial?: string) {
    for (const part of (initial ?? "").split(";")) {
      const i = part.indexOf("=");
      if (i > 0) this.cookies.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
    }
  }

  /** Takes the Set-Cookie headers of a response (or of a captured outcome). */
  update(headers: Headers): this {
    for (const cookie of setCookies(headers)) {
      if (cookie.clears) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return this;
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): this {
    this.cookies.set(name, value);
    return this;
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  clone(): CookieJar {
    return new CookieJar(this.header());
  }
}
