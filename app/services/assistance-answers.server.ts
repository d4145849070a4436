/**
 * The answers to "Request approval" (F12) and "Launch customer" (F13), the
 * same from a row of the Customers list (its action, app/routes/customers.tsx)
 * and from the customer's details page: what the model decided, as a
 * redirect with its message, a 404 (not this user's customer) or a 403 that
 * says why. The routes' guards have let the user in; the models decide the rest.
 */
import { redirect } from "react-router";
import type { PartnerActor } from "~/domain/actor";
import { requestApproval } from "~/models/approvals.server";
import { launchCustomer } from "~/models/launch.server";
import { getLocale } from "~/services/preferences.server";
import { respondToOutcome } from "~/services/outcome-response.server";
import { setLaunchedCustomer } from "~/services/session.server";
import { formatDate } from "~/i18n/translate";

/**
 * Asks the customer's admin for Partner Assistance; back to `back` with the
 * request's expiry. A second request while one waits (a second click, a
 * second tab) is refused with the pending one's expiry, as is one for a
 * customer whose Partner Assistance is on.
 */
export async function answerApprovalRequest(
  request: Request,
  actor: PartnerActor,
  customerId: number,
  back: string,
): Promise<Response> {
  return respondToOutcome(request, requestApproval({ actor, customerId }), async (requested) => {
    const date = formatDate(await getLocale(request), requested.expiresAt);
    return { to: back, flash: { key: "approval.requested", vars: { customer: requested.name, date } } };
  });
}

/** Launches the user into the customer's Central Admin. */
export async function answerLaunch(request: Request, actor: PartnerActor, customerId: number): Promise<Response> {
  return respondToOutcome(request, launchCustomer({ actor, customerId }), async (launched) =>
    redirect("/central", {
      headers: { "Set-Cookie": await setLaunchedCustomer(request, { id: customerId, name: launched.name }) },
    }),
  );
}
