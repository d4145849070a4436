/**
 * F15: the CRM outbox worker against a stand-in Salesforce on 127.0.0.1 that
 * fails on purpose. Every change must arrive, once, with the latest name.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { getCustomerCard } from "~/models/customer-details.server";
import { renameCustomer } from "~/models/customer-changes.server";
import {
  MAX_ATTEMPTS,
  getOutboxStatus,
  retryFailedDeliveries,
} from "~/models/crm-outbox.server";
import {
  SalesforceClient,
  deliverDueOutbox,
  salesforceSettingsFromEnv,
  type SalesforceSettings,
} from "~/services/outbox.server";
import { retryDelayMs } from "~/services/outbox-worker.server";
import { ACCOUNTS } from "../support/accounts";
import { createCustomer, partnerActorFor, partnerIdByName, userIdByEmail } from "../support/db";

type Upsert = { externalId: string; name: string; token: string };

/** A stand-in for Salesforce's token endpoint and Account upsert, with switchable failures. */
class StandIn {
  server = http.createServer((req, res) => this.handle(req, res));
  upserts: Upsert[] = [];
  tokenRequests = 0;
  /** Answers to give, in order, before behaving: e.g. [500, 503]. */
  failTokens: number[] = [];
  failUpserts: number[] = [];
  /** External ids that always get this status. */
  alwaysFail = new Map<string, number>();
  /** Drop the connection without answering for this many upserts. */
  hangUps = 0;
  private tokenCount = 0;
  url = "";

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  reset() {
    this.upserts = [];
    this.tokenRequests = 0;
    this.failTokens = [];
    this.failUpserts = [];
    this.alwaysFail.clear();
    this.hangUps = 0;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/services/oauth2/token") {
        this.tokenRequests++;
        const params = new URLSearchParams(body);
        const fail = this.failTokens.shift();
        if (fail) return this.send(res, fail, { error: "unavailable" });
        if (params.get("grant_type") !== "client_credentials" || params.get("client_secret") !== "s3cret") {
          return this.send(res, 400, { error: "invalid_client" });
        }
        this.tokenCount++;
        return this.send(res, 200, { access_token: `token-${this.tokenCount}`, instance_url: this.url, token_type: "Bearer" });
      }
      const match = req.url?.match(/^\/services\/data\/v62\.0\/sobjects\/Account\/Partner_Console_Id__c\/([^/]+)$/);
      if (req.method === "PATCH" && match) {
        const externalId = decodeURIComponent(match[1]!);
        if (this.hangUps > 0) {
          this.hangUps--;
          req.socket.destroy();
          return;
        }
        const always = this.alwaysFail.get(externalId);
        if (always) return this.send(res, always, [{ errorCode: "FIELD_INTEGRITY_EXCEPTION" }]);
        const fail = this.failUpserts.shift();
        if (fail) return this.send(res, fail, [{ errorCode: "SERVER_UNAVAILABLE" }]);
        const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
        this.upserts.push({ externalId, name: (JSON.parse(body) as { Name: string }).Name, token });
        return this.send(res, 204, null);
      }
      this.send(res, 404, { error: "not found" });
    });
  }

  private send(res: http.ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(body === null ? undefined : JSON.stringify(body));
  }
}

const standIn = new StandIn();
let settings: SalesforceSettings;

beforeAll(async () => {
  await standIn.start();
  settings = salesforceSettingsFromEnv({
    SALESFORCE_LOGIN_URL: standIn.url,
    SALESFORCE_CLIENT_ID: "console",
    SALESFORCE_CLIENT_SECRET: "s3cret",
  })!;
});
afterAll(() => standIn.stop());

beforeEach(() => {
  standIn.reset();
  // Other test files in this worker may have queued renames: settle them so
  // each test sees only its own rows.
  getDb()
    .update(schema.crmOutbox)
    .set({ status: "superseded" })
    .where(inArray(schema.crmOutbox.status, ["pending", "failed"]))
    .run();
});

const scope = () => ({
  partnerId: partnerIdByName("Northwind Security"),
  userId: userIdByEmail(ACCOUNTS.northwindSuper),
  all: true,
});

function rename(customerId: number, name: string) {
  const card = getCustomerCard({ scope: scope(), customerId })!;
  const outcome = renameCustomer({
    actor: partnerActorFor(ACCOUNTS.northwindSuper),
    customerId,
    displayName: name,
    expectedVersion: card.version,
  });
  expect(outcome.status).toBe("renamed");
}

/** Runs the worker with a clock that jumps past every back-off, until nothing is due. */
async function drain(client: SalesforceClient, rounds = 20) {
  let clock = Date.now();
  for (let i = 0; i < rounds; i++) {
    clock += 60 * 60 * 1000;
    const result = await deliverDueOutbox(client, { now: () => clock, random: () => 0.5 });
    if (result.delivered + result.retrying + result.failed === 0) return;
  }
}

function rowsOf(customerId: number) {
  return getDb().select().from(schema.crmOutbox).where(eq(schema.crmOutbox.customerId, customerId)).all();
}

describe("the Salesforce outbox worker", () => {
  it("delivers every rename once, through failures of the token endpoint and the API", async () => {
    const partnerId = partnerIdByName("Northwind Security");
    const ids = [createCustomer(partnerId), createCustomer(partnerId), createCustomer(partnerId)];
    ids.forEach((id, i) => rename(id, `Delivered Name ${i}`));
    standIn.failTokens = [500];
    standIn.failUpserts = [503, 500, 429];
    standIn.hangUps = 1;

    await drain(new SalesforceClient(settings));

    for (const [i, id] of ids.entries()) {
      const received = standIn.upserts.filter((u) => u.externalId === `pc-customer-${id}`);
      expect(received).toEqual([expect.objectContaining({ name: `Delivered Name ${i}` })]);
      expect(rowsOf(id).map((row) => row.status)).toEqual(["delivered"]);
    }
  });

  it("sends only the latest name when several renames of one customer wait", async () => {
    const id = createCustomer(partnerIdByName("Northwind Security"));
    rename(id, "First");
    rename(id, "Second");
    rename(id, "Third");

    await drain(new SalesforceClient(settings));

    expect(standIn.upserts.filter((u) => u.externalId === `pc-customer-${id}`).map((u) => u.name)).toEqual(["Third"]);
    expect(rowsOf(id).map((row) => row.status)).toEqual(["superseded", "superseded", "delivered"]);
  });

  it("never sends a delivered row again", async () => {
    const id = createCustomer(partnerIdByName("Northwind Security"));
    rename(id, "Only Once");
    const client = new SalesforceClient(settings);
    await drain(client);
    await drain(client);
    expect(standIn.upserts.filter((u) => u.externalId === `pc-customer-${id}`)).toHaveLength(1);
  });

  it("signs in again when the token has expired", async () => {
    const id1 = createCustomer(partnerIdByName("Northwind Security"));
    const client = new SalesforceClient(settings);
    rename(id1, "Before Expiry");
    await drain(client);
    const tokensBefore = standIn.tokenRequests;
    standIn.failUpserts = [401];
    const id2 = createCustomer(partnerIdByName("Northwind Security"));
    rename(id2, "After Expiry");
    await drain(client);
    expect(standIn.tokenRequests).toBe(tokensBefore + 1);
    expect(standIn.upserts.find((u) => u.externalId === `pc-customer-${id2}`)?.token).not.toBe(
      standIn.upserts.find((u) => u.externalId === `pc-customer-${id1}`)?.token,
    );
  });

  it("marks a row failed after the last attempt, shows it on the status, and sends it after Retry failed", async () => {
    const partnerId = partnerIdByName("Northwind Security");
    const id = createCustomer(partnerId);
    rename(id, "Stubborn Name");
    standIn.alwaysFail.set(`pc-customer-${id}`, 500);
    const client = new SalesforceClient(settings);

    await drain(client, MAX_ATTEMPTS + 3);

    const [row] = rowsOf(id);
    expect(row!.status).toBe("failed");
    expect(row!.attempts).toBe(MAX_ATTEMPTS);
    const status = getOutboxStatus({ partnerId });
    expect(status.failed).toBeGreaterThanOrEqual(1);
    expect(status.lastError).toContain("500");
    expect(standIn.upserts.filter((u) => u.externalId === `pc-customer-${id}`)).toHaveLength(0);

    standIn.alwaysFail.clear();
    expect(retryFailedDeliveries({ partnerId })).toBeGreaterThanOrEqual(1);
    await drain(client);
    expect(standIn.upserts.filter((u) => u.externalId === `pc-customer-${id}`).map((u) => u.name)).toEqual(["Stubborn Name"]);
    expect(rowsOf(id)[0]!.status).toBe("delivered");
  });

  it("a Contoso super admin's retry does not touch Northwind's failed rows", async () => {
    const northwind = partnerIdByName("Northwind Security");
    const id = createCustomer(northwind);
    rename(id, "Northwind Only");
    getDb().update(schema.crmOutbox).set({ status: "failed" }).where(eq(schema.crmOutbox.customerId, id)).run();
    expect(retryFailedDeliveries({ partnerId: partnerIdByName("Contoso IT") })).toBe(0);
    expect(rowsOf(id)[0]!.status).toBe("failed");
  });

  it("without Salesforce settings rows wait and are counted as waiting", () => {
    expect(salesforceSettingsFromEnv({})).toBeNull();
    const partnerId = partnerIdByName("Northwind Security");
    const before = getOutboxStatus({ partnerId }).waiting;
    rename(createCustomer(partnerId), "Waiting Name");
    expect(getOutboxStatus({ partnerId }).waiting).toBe(before + 1);
  });

  it("backs off exponentially with jitter, up to 15 minutes", () => {
    expect(retryDelayMs(1, () => 0)).toBe(2_500);
    expect(retryDelayMs(1, () => 1)).toBe(5_000);
    expect(retryDelayMs(2, () => 1)).toBe(10_000);
    expect(retryDelayMs(4, () => 1)).toBe(40_000);
    expect(retryDelayMs(30, () => 1)).toBe(15 * 60_000);
  });
});
