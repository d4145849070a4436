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
import { forbidden, notFound } from "~/services/authz.server";
import { getLocale, setFlash } from "~/services/preferences.server";
import { setLaunchedCustomer } from "~/services/session.server";
import { formatDate } from "~/i18n/translate";

/** Asks the customer's admin for Partner Assistance; back to `back` with the request's expiry. */
export async function answerApprovalRequest(
  request: Request,
  actor: PartnerActor,
  customerId: number,
  back: string,
): Promise<Response> {
  const outcome = requestApproval({ actor, customerId });
  switch (outcome.status) {
    case "not_found":
      throw notFound();
    // A second request while one waits (a second click, a second tab) is
    // refused with the pending one's expiry, as is one for a customer
    // whose Partner Assistance is on.
    case "refused":
      throw forbidden(outcome.reason, outcome.from);
    case "requested": {
      const date = formatDate(await getLocale(request), outcome.expiresAt);
      const flash = await setFlash(request, { key: "approval.requested", vars: { customer: outcome.name, date } });
      return redirect(back, { headers: { "Set-Cookie": flash } });
    }
  }
}

/** Launches the user into the customer's Central Admin. */
export async function answerLaunch(request: Request, actor: PartnerActor, customerId: number): Promise<Response> {
  const outcome = launchCustomer({ actor, customerId });
  switch (outcome.status) {
    case "not_found":
      throw notFound();
    case "refused":
      throw forbidden(outcome.reason, outcome.from);
    case "launched":
      return redirect("/central", {
        headers: { "Set-Cookie": await setLaunchedCustomer(request, { id: customerId, name: outcome.name }) },
      });
  }
}
