/**
 * The error responses of the console, each in one place. A loader or an
 * action throws one; the error boundary (components/layout/ErrorPage.tsx)
 * shows its page: 404 "not found", 403 saying why, 400, 413, 415.
 */
import type { RefusalReason } from "~/domain/customer-policy";

/** The 404 page: no such thing, or not in this user's scope (the two look the same). */
export function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}

/**
 * The 403 page's response. With a reason (a key of the customer policy, or
 * the role or program the permission table names) the page says why, and
 * from which day it would be allowed when one is known.
 */
export function forbidden(reason?: RefusalReason, from?: number): Response {
  return Response.json({ reason: reason ?? "role", from: from ?? null }, { status: 403 });
}

/** A request no page of the console sends: a form or an address made by hand. */
export function badRequest(): Response {
  return new Response("Bad Request", { status: 400 });
}

/** The 413 page: the form was larger than any form of the console. */
export function payloadTooLarge(): Response {
  return new Response("Payload Too Large", { status: 413 });
}

/** A body of a type the endpoint does not read. */
export function unsupportedMediaType(): Response {
  return new Response("Unsupported Media Type", { status: 415 });
}
