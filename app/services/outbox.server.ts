/**
 * The CRM outbox worker (F15; docs/decisions/0008-salesforce-outbox.md).
 * Delivers queued account upserts to the vendor's Salesforce org: OAuth 2.0
 * client credentials for a token, then the REST API's upsert by external id
 * (PATCH /sobjects/Account/<field>/<id>), which is idempotent, so a retry
 * after a lost answer does no harm. Without SALESFORCE_* settings, rows wait.
 */
import {
  claimNextDelivery,
  markAttemptFailed,
  markDelivered,
  type ClaimedDelivery,
} from "~/models/crm-outbox.server";
import { now as clockNow } from "~/utils/clock";
import { DeliveryError, deliverDue, pollOutbox } from "./outbox-worker.server";

export type SalesforceSettings = {
  /** Where the token comes from, e.g. https://login.salesforce.com or a My Domain URL. */
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  /** The Account field holding our id (an External ID field in Salesforce). */
  externalIdField: string;
  apiVersion: string;
};

/** The settings from the environment, or null when Salesforce is not configured. */
export function salesforceSettingsFromEnv(
  env: Record<string, string | undefined> = process.env,
): SalesforceSettings | null {
  const loginUrl = env.SALESFORCE_LOGIN_URL?.trim();
  const clientId = env.SALESFORCE_CLIENT_ID?.trim();
  const clientSecret = env.SALESFORCE_CLIENT_SECRET?.trim();
  if (!loginUrl || !clientId || !clientSecret) return null;
  return {
    loginUrl: loginUrl.replace(/\/+$/, ""),
    clientId,
    clientSecret,
    externalIdField: env.SALESFORCE_EXTERNAL_ID_FIELD?.trim() || "Partner_Console_Id__c",
    apiVersion: env.SALESFORCE_API_VERSION?.trim() || "v62.0",
  };
}

/** Salesforce's refusal of an upsert. */
class SalesforceError extends DeliveryError {}

type Token = { accessToken: string; instanceUrl: string };

const REQUEST_TIMEOUT_MS = 10_000;

export class SalesforceClient {
  private token: Token | null = null;

  constructor(
    private readonly settings: SalesforceSettings,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private async authenticate(): Promise<Token> {
    const response = await this.fetchImpl(`${this.settings.loginUrl}/services/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: this.settings.clientId,
        client_secret: this.settings.clientSecret,
      }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) {
      throw new SalesforceError(`Salesforce sign-in answered ${response.status}`, response.status >= 500 || response.status === 429);
    }
    const body = (await response.json()) as { access_token?: string; instance_url?: string };
    if (!body.access_token || !body.instance_url) {
      throw new SalesforceError("Salesforce sign-in gave no token", true);
    }
    this.token = { accessToken: body.access_token, instanceUrl: body.instance_url.replace(/\/+$/, "") };
    return this.token;
  }

  /** Creates or updates the Account with this external id. @throws SalesforceError */
  async upsertAccount(externalId: string, fields: { Name: string }): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = this.token ?? (await this.authenticate());
      const { apiVersion, externalIdField } = this.settings;
      const url = `${token.instanceUrl}/services/data/${apiVersion}/sobjects/Account/${encodeURIComponent(externalIdField)}/${encodeURIComponent(externalId)}`;
      const response = await this.fetchImpl(url, {
        method: "PATCH",
        headers: { Authorization: `Bearer ${token.accessToken}`, "Content-Type": "application/json" },
        body: JSON.stringify(fields),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (response.ok) return;
      if (response.status === 401 && attempt === 0) {
        // The token expired: sign in again once.
        this.token = null;
        continue;
      }
      // Salesforce's own words stay in the server log: the Integrations page
      // (seen by partner users) shows only the status.
      const detail = (await response.text().catch(() => "")).slice(0, 500);
      console.error(`Salesforce upsert of ${externalId} answered ${response.status}: ${detail}`);
      throw new SalesforceError(
        `Salesforce upsert answered ${response.status}`,
        response.status >= 500 || response.status === 429 || response.status === 401,
      );
    }
  }
}

export type RunResult = { delivered: number; retrying: number; failed: number };

/**
 * Delivers every due delivery once, one at a time (outbox-worker.server.ts),
 * and returns what happened. `now` and `random` are injectable for tests.
 */
export async function deliverDueOutbox(
  client: SalesforceClient,
  { now = clockNow, random = Math.random, limit = 100 } = {},
): Promise<RunResult> {
  const { delivered, retrying, failed } = await deliverDue<ClaimedDelivery>(
    {
      claim: claimNextDelivery,
      send: async (delivery) => {
        await client.upsertAccount(delivery.payload.externalId, { Name: delivery.payload.name });
        return "sent";
      },
      markDelivered,
      markFailed: markAttemptFailed,
    },
    { now, random, limit },
  );
  return { delivered, retrying, failed };
}

/**
 * Starts polling the outbox in this process when Salesforce is configured.
 * Returns a stop function.
 */
export function startOutboxWorker(settings = salesforceSettingsFromEnv()): () => void {
  if (!settings) return () => {};
  const client = new SalesforceClient(settings);
  return pollOutbox("CRM outbox", () => deliverDueOutbox(client));
}
