/**
 * How an action answers what a model did (STYLE.md §2, decision 0025): a
 * thing not found (the customer through the user's scope, a group, a
 * program) is the 404 page; the policy's refusal is the 403 page that names
 * its reason; anything else goes back to a page with a flash message
 * (post/redirect/get).
 */
import { redirect } from "react-router";
import type { RefusalReason } from "~/domain/customer-policy";
import { forbidden, notFound } from "./http.server";
import { setFlash, type Flash } from "./preferences.server";

type NotFoundOutcome = { status: "not_found" | "group_not_found" | "program_not_found" };
type RefusedOutcome = { status: "refused"; reason: RefusalReason; from?: number };

/** Where a done outcome goes, and the message shown there; or a response of its own. */
export type Answer = { to: string; flash?: Flash } | Response;

const NOT_FOUND: ReadonlySet<string> = new Set<NotFoundOutcome["status"]>(["not_found", "group_not_found", "program_not_found"]);

/**
 * The response to a model's outcome. Not found and refused are thrown as
 * their pages; `answer` says where every other outcome goes and with which
 * message.
 */
export async function respondToOutcome<O extends { status: string }>(
  request: Request,
  outcome: O,
  answer: (done: Exclude<O, NotFoundOutcome | RefusedOutcome>) => Answer | Promise<Answer>,
): Promise<Response> {
  if (NOT_FOUND.has(outcome.status)) throw notFound();
  if (outcome.status === "refused") {
    const refusal = outcome as unknown as RefusedOutcome;
    throw forbidden(refusal.reason, refusal.from);
  }
  const answered = await answer(outcome as Exclude<O, NotFoundOutcome | RefusedOutcome>);
  return answered instanceof Response ? answered : redirectWithFlash(request, answered.to, answered.flash);
}

/** Back to `to`, with a message for the page there when there is one. */
export async function redirectWithFlash(request: Request, to: string, flash?: Flash): Promise<Response> {
  if (!flash) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await setFlash(request, flash) } });
}
