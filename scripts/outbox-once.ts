/**
 * `npm run outbox:run`: delivers every due CRM outbox row once, then exits.
 * Uses the same SALESFORCE_* settings and DATABASE_URL as the server.
 */
import { SalesforceClient, deliverDueOutbox, salesforceSettingsFromEnv } from "../app/services/outbox.server";

const settings = salesforceSettingsFromEnv();
if (!settings) {
  console.error(
    "Salesforce is not configured: set SALESFORCE_LOGIN_URL, SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET. Rows keep waiting.",
  );
  process.exit(2);
}
const result = await deliverDueOutbox(new SalesforceClient(settings));
console.log(`Delivered ${result.delivered}, retrying ${result.retrying}, failed ${result.failed}.`);
