/**
 * Demo data (SPEC §2, the contract acceptance checks rely on) and the large
 * benchmark partner. Dates are relative to the moment of seeding, so every
 * customer is in its stated state on the day the database is created.
 */
import { hash } from "@node-rs/argon2";
import { eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import * as schema from "./schema";
import type { BillingType, LicenseCategory } from "./schema";
import { customerSearchText, customerSortName } from "../lib/text";
import { firstDayOfNextMonth } from "../lib/dates";

export const DEMO_PASSWORD = "demo-pass-2026";
const DAY = 24 * 60 * 60 * 1000;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

type LicenseSeed = {
  product: string;
  category: LicenseCategory;
  type: "trial" | "term" | "usage";
  quantity?: number;
  usage?: number;
  /** Days from now (negative: in the past). */
  startsInDays: number;
  endsInDays: number;
  revoked?: boolean;
};

type CustomerSeed = {
  legalName: string;
  displayName?: string;
  billingType: BillingType;
  managedOrder?: boolean;
  trialStartedBy?: "partner" | "customer";
  dataGeography?: (typeof schema.DATA_GEOGRAPHIES)[number];
  status?: "active" | "inactive";
  linkState?: "linked" | "unlink_scheduled";
  unlinkScheduledFor?: number;
  assistance?: "partner_trial" | "monthly" | "managed_order" | "customer";
  contact: {
    firstName: string;
    lastName: string;
    email: string;
    phone?: string;
    addressLine1?: string;
    city?: string;
    region?: string;
    postalCode?: string;
    country?: string;
  };
  licenses: LicenseSeed[];
  groups?: string[];
};

function insertCustomer(tx: Tx, partnerId: number, seed: CustomerSeed, now: number, groupIds: Map<string, number>): number {
  const displayName = seed.displayName ?? "";
  const names = { displayName, legalName: seed.legalName, contactEmail: seed.contact.email };
  const inserted = tx
    .insert(schema.customers)
    .values({
      partnerId,
      legalName: seed.legalName,
      displayName,
      sortName: customerSortName(names),
      searchText: customerSearchText(names),
      billingType: seed.billingType,
      managedOrder: seed.managedOrder ?? false,
      trialStartedBy: seed.trialStartedBy ?? null,
      dataGeography: seed.dataGeography ?? "US",
      status: seed.status ?? "active",
      linkState: seed.linkState ?? "linked",
      unlinkScheduledFor: seed.unlinkScheduledFor ?? null,
      partnerAssistance: seed.assistance !== undefined,
      partnerAssistanceReason: seed.assistance ?? null,
      partnerAssistanceSince: seed.assistance ? now - 10 * DAY : null,
      contactFirstName: seed.contact.firstName,
      contactLastName: seed.contact.lastName,
      contactEmail: seed.contact.email,
      contactPhone: seed.contact.phone ?? "",
      addressLine1: seed.contact.addressLine1 ?? "",
      city: seed.contact.city ?? "",
      region: seed.contact.region ?? "",
      postalCode: seed.contact.postalCode ?? "",
      country: seed.contact.country ?? "",
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: schema.customers.id })
    .get();
  for (const license of seed.licenses) {
    tx.insert(schema.licenses)
      .values({
        customerId: inserted.id,
        product: license.product,
        category: license.category,
        type: license.type,
        ...licenseCounts(seed.legalName, license),
        startsAt: now + license.startsInDays * DAY,
        endsAt: now + license.endsInDays * DAY,
        revoked: license.revoked ?? false,
      })
      .run();
  }
  for (const group of seed.groups ?? []) {
    const groupId = groupIds.get(group);
    if (groupId === undefined) throw new Error(`Unknown group ${group}`);
    tx.insert(schema.customerGroups).values({ customerId: inserted.id, groupId }).run();
  }
  return inserted.id;
}

/**
 * Believable seats and use for a seeded license, unless the seed gives them:
 * a customer has a size (5 to about 400 people, most of them small) read from
 * its name, so the same customer has the same numbers in every database and
 * no draw of the random generator moves (the generated names stay the same);
 * each category follows that size (a server for every dozen people, a
 * firewall per site, an MDR seat per endpoint); a trial is partly installed,
 * a term license mostly, a monthly one nearly all of it.
 */
function licenseCounts(legalName: string, license: LicenseSeed): { quantity: number; usage: number } {
  const h = nameHash(`${legalName}/${license.category}`);
  const size = SIZES[nameHash(legalName) % SIZES.length]!;
  const perCategory: Record<LicenseCategory, number> = {
    Endpoint: size,
    Email: size,
    MDR: size,
    Encryption: Math.round(size * 0.6),
    ZTNA: Math.round(size * 0.5),
    Mobile: Math.round(size * 0.4),
    Server: Math.ceil(size / 12),
    Wireless: Math.ceil(size / 15),
    Cloud: Math.ceil(size / 80),
    Firewall: Math.ceil(size / 150),
  };
  const quantity = license.quantity ?? Math.max(1, perCategory[license.category]);
  // Installed share, in percent: trial 30-79, term 70-99, monthly 85-100.
  const share = license.type === "trial" ? 30 + (h % 50) : license.type === "term" ? 70 + (h % 30) : 85 + (h % 16);
  const usage = license.usage ?? Math.min(quantity, Math.max(license.type === "trial" ? 0 : 1, Math.round((quantity * share) / 100)));
  return { quantity, usage };
}

/** Seats a customer buys, small businesses first (one is picked per customer, by name). */
const SIZES = [5, 8, 10, 12, 15, 20, 25, 25, 30, 40, 50, 50, 60, 75, 100, 120, 150, 200, 250, 400] as const;

/** FNV-1a: a stable number from a name, so seeding never draws from the random generator for it. */
function nameHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const trial = (category: LicenseCategory, product: string, startedDaysAgo: number): LicenseSeed => ({
  product,
  category,
  type: "trial",
  startsInDays: -startedDaysAgo,
  endsInDays: 30 - startedDaysAgo,
});
const term = (category: LicenseCategory, product: string, endsInDays: number, extra: Partial<LicenseSeed> = {}): LicenseSeed => ({
  product,
  category,
  type: "term",
  startsInDays: endsInDays - 365,
  endsInDays,
  ...extra,
});
const usage = (category: LicenseCategory, product: string): LicenseSeed => ({
  product,
  category,
  type: "usage",
  startsInDays: -120,
  endsInDays: 245,
});

/** The named customers of SPEC §2, in the states it gives. */
function northwindNamedCustomers(now: number): CustomerSeed[] {
  const firstOfNextMonth = firstDayOfNextMonth(now);
  return [
    {
      legalName: "Acme Corp",
      billingType: "trial",
      trialStartedBy: "customer",
      contact: { firstName: "Wile", lastName: "Coyote", email: "admin@acme.test", phone: "+1 555 0100", addressLine1: "1 Desert Road", city: "Phoenix", region: "AZ", postalCode: "85001", country: "United States" },
      licenses: [trial("Endpoint", "Intercept X Advanced", 10), trial("Server", "Intercept X Advanced for Server", 10)],
    },
    {
      legalName: "Vandelay Industries",
      billingType: "term",
      contact: { firstName: "Art", lastName: "Vandelay", email: "admin@vandelay.test", phone: "+1 555 0111", addressLine1: "129 West 81st Street", city: "New York", region: "NY", postalCode: "10024", country: "United States" },
      licenses: [
        term("Endpoint", "Intercept X Advanced", 200),
        term("Email", "Email Protection", 200),
        term("Firewall", "XGS Firewall Subscription", 100, { revoked: true }),
      ],
    },
    {
      legalName: "Hooli",
      billingType: "trial",
      trialStartedBy: "partner",
      assistance: "partner_trial",
      contact: { firstName: "Gavin", lastName: "Belson", email: "it@hooli.test", phone: "+1 555 0122", addressLine1: "1 Hooli Way", city: "Palo Alto", region: "CA", postalCode: "94301", country: "United States" },
      licenses: [trial("Endpoint", "Intercept X Advanced with XDR", 5), trial("Mobile", "Mobile Advanced", 5)],
    },
    {
      legalName: "Globex Corporation",
      displayName: "Globex",
      billingType: "usage",
      assistance: "monthly",
      dataGeography: "DE",
      groups: ["EMEA"],
      contact: { firstName: "Hank", lastName: "Scorpio", email: "hank@globex.test", phone: "+49 30 555 0133", addressLine1: "Friedrichstraße 10", city: "Berlin", postalCode: "10117", country: "Germany" },
      licenses: [usage("Endpoint", "Intercept X Advanced"), usage("Server", "Intercept X Advanced for Server")],
    },
    {
      legalName: "Initech",
      billingType: "term",
      dataGeography: "IE",
      groups: ["EMEA"],
      contact: { firstName: "Bill", lastName: "Lumbergh", email: "bill@initech.test", phone: "+353 1 555 0144", addressLine1: "4120 Freidrich Lane", city: "Dublin", country: "Ireland" },
      licenses: [
        term("Endpoint", "Intercept X Advanced", 240),
        term("Email", "Email Protection", 12),
        term("Encryption", "Central Device Encryption", 240),
      ],
    },
    {
      legalName: "Umbrella Health",
      billingType: "term",
      managedOrder: true,
      assistance: "managed_order",
      groups: ["Healthcare"],
      contact: { firstName: "Albert", lastName: "Wesker", email: "ops@umbrella-health.test", phone: "+1 555 0155", addressLine1: "545 S Birdneck Road", city: "Raccoon City", region: "MO", postalCode: "63101", country: "United States" },
      licenses: [term("Endpoint", "Intercept X Advanced with MDR", 300), term("MDR", "MDR Complete", 300)],
    },
    {
      legalName: "Stark Retail",
      billingType: "term",
      contact: { firstName: "Arya", lastName: "Stark", email: "arya@stark-retail.test", phone: "+44 20 555 0166", addressLine1: "1 Winter Street", city: "Manchester", postalCode: "M1 1AA", country: "United Kingdom" },
      licenses: [term("Endpoint", "Intercept X Essentials", -90)],
    },
    {
      legalName: "Wayne Logistics",
      billingType: "term",
      contact: { firstName: "Lucius", lastName: "Fox", email: "lucius@wayne-logistics.test", phone: "+1 555 0177", addressLine1: "1007 Mountain Drive", city: "Gotham", region: "NJ", postalCode: "07001", country: "United States" },
      licenses: [term("Endpoint", "Intercept X Advanced", -20), term("Wireless", "Wireless Standard", -20)],
    },
    {
      legalName: "Soylent Foods",
      billingType: "usage",
      assistance: "monthly",
      linkState: "linked",
      contact: { firstName: "Robert", lastName: "Thorn", email: "thorn@soylent.test", phone: "+1 555 0188", addressLine1: "2022 Green Street", city: "New York", region: "NY", postalCode: "10001", country: "United States" },
      licenses: [usage("Endpoint", "Intercept X Advanced"), usage("Cloud", "Cloud Optix")],
    },
    {
      legalName: "Équipo Médico Andaluz S.L.",
      displayName: "Équipo Médico Andaluz",
      billingType: "term",
      dataGeography: "IE",
      groups: ["Healthcare"],
      contact: { firstName: "María", lastName: "Núñez", email: "maria.nunez@equipo-medico.test", phone: "+34 954 555 019", addressLine1: "Calle Sierpes 12", city: "Sevilla", region: "Andalucía", postalCode: "41004", country: "Spain" },
      licenses: [term("Endpoint", "Intercept X Advanced", 150), term("Server", "Intercept X Advanced for Server", 150), term("ZTNA", "ZTNA", 150)],
    },
  ].map((seed) => ({ ...seed, unlinkScheduledFor: seed.linkState === "unlink_scheduled" ? firstOfNextMonth : undefined })) as CustomerSeed[];
}

/** A small deterministic random generator (mulberry32), so seeds are the same every time. */
function randomGenerator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, pick, int };
}

const NAME_FIRST = ["Blue", "North", "Silver", "Summit", "Harbor", "Oak", "Pioneer", "Cedar", "Granite", "Bright", "River", "Maple", "Crystal", "Golden", "Evergreen", "Red", "Coastal", "Prairie", "Iron", "Sunrise"] as const;
const NAME_SECOND = ["Dental", "Logistics", "Bakery", "Law Partners", "Clinics", "Engineering", "Foods", "Motors", "Architects", "Pharmacy", "Accounting", "Hotels", "Media", "Schools", "Farms", "Textiles", "Labs", "Insurance", "Shipping", "Studios"] as const;
const NAME_SUFFIX = ["Ltd", "Inc", "LLC", "GmbH", "S.A.", "Pty", "Co"] as const;
const FIRST_NAMES = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Robin", "Jamie", "Chris", "Pat"] as const;
const LAST_NAMES = ["Smith", "García", "Müller", "Dubois", "Rossi", "Tanaka", "Brown", "Novak", "Silva", "Kowalski"] as const;
const PRODUCTS: Record<LicenseCategory, string> = {
  Endpoint: "Intercept X Advanced",
  Server: "Intercept X Advanced for Server",
  Email: "Email Protection",
  Firewall: "XGS Firewall Subscription",
  Mobile: "Mobile Advanced",
  Encryption: "Central Device Encryption",
  Wireless: "Wireless Standard",
  ZTNA: "ZTNA",
  MDR: "MDR Complete",
  Cloud: "Cloud Optix",
};

/** A generated customer, varied across billing types, statuses and groups. */
function generatedCustomer(random: ReturnType<typeof randomGenerator>, index: number, groups: string[]): CustomerSeed {
  const legalName = `${random.pick(NAME_FIRST)} ${random.pick(NAME_SECOND)} ${index} ${random.pick(NAME_SUFFIX)}`;
  const slug = legalName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const kind = random.int(0, 9);
  const billingType: BillingType = kind < 2 ? "trial" : kind < 4 ? "usage" : "term";
  const categories = [...new Set([random.pick(schema.LICENSE_CATEGORIES), "Endpoint" as const, random.pick(schema.LICENSE_CATEGORIES)])];
  const licenses: LicenseSeed[] = categories.map((category) => {
    if (billingType === "trial") return trial(category, PRODUCTS[category], random.int(1, 29));
    if (billingType === "usage") return usage(category, PRODUCTS[category]);
    return term(category, PRODUCTS[category], random.int(-120, 400), { revoked: random.next() < 0.03 });
  });
  const startedByPartner = random.next() < 0.5;
  return {
    legalName,
    billingType,
    trialStartedBy: billingType === "trial" ? (startedByPartner ? "partner" : "customer") : undefined,
    assistance:
      billingType === "usage" ? "monthly" : billingType === "trial" && startedByPartner ? "partner_trial" : random.next() < 0.3 ? "customer" : undefined,
    dataGeography: random.pick(schema.DATA_GEOGRAPHIES),
    status: random.next() < 0.03 ? "inactive" : "active",
    groups: random.next() < 0.35 ? [random.pick(groups)] : [],
    contact: {
      firstName: random.pick(FIRST_NAMES),
      lastName: random.pick(LAST_NAMES),
      email: `it@${slug}.test`,
      phone: `+1 555 ${String(1000 + (index % 9000)).padStart(4, "0")}`,
      addressLine1: `${random.int(1, 999)} Main Street`,
      city: "Springfield",
      country: "United States",
    },
    licenses,
  };
}

/** A full name with its first and last parts (split at the first space), as the users table keeps them. */
function names(name: string): { name: string; firstName: string; lastName: string } {
  const space = name.indexOf(" ");
  return space < 0 ? { name, firstName: name, lastName: "" } : { name, firstName: name.slice(0, space), lastName: name.slice(space + 1) };
}

function insertUser(
  tx: Tx,
  values: typeof schema.users.$inferInsert,
): number {
  return tx.insert(schema.users).values(values).returning({ id: schema.users.id }).get().id;
}

/** Whether the database holds any data at all (then the demo seed never runs). */
export function hasData(db: Db): boolean {
  return db.select({ n: sql<number>`count(*)` }).from(schema.partners).get()!.n > 0;
}

/**
 * Creates the demo data of SPEC §2 in one transaction. Call only on an empty
 * database (see hasData).
 */
export async function seedDemoData(db: Db, now = Date.now()): Promise<void> {
  // Hashing is slow and asynchronous: do it before the (synchronous) transaction.
  const passwordHash = await hash(DEMO_PASSWORD);
  const random = randomGenerator(2026);
  db.transaction((tx) => {
    const northwind = tx.insert(schema.partners).values({ name: "Northwind Security", flexMsp: true, flexConnect: true }).returning().get();
    const contoso = tx.insert(schema.partners).values({ name: "Contoso IT", flexMsp: false, flexConnect: false }).returning().get();

    const groupIds = new Map<string, number>();
    for (const name of ["EMEA", "Healthcare", "VIP"]) {
      groupIds.set(name, tx.insert(schema.groups).values({ partnerId: northwind.id, name }).returning().get().id);
    }
    const contosoGroups = new Map<string, number>();

    const named = new Map<string, number>();
    for (const seed of northwindNamedCustomers(now)) {
      named.set(seed.legalName, insertCustomer(tx, northwind.id, seed, now, groupIds));
    }
    // Customers whose Partner Assistance is off: two of them get a request below.
    const assistanceOff: number[] = [];
    for (let i = 1; i <= 48; i++) {
      const seed = generatedCustomer(random, i, ["EMEA", "VIP", "Healthcare", "VIP"]);
      const id = insertCustomer(tx, northwind.id, seed, now, groupIds);
      if (seed.assistance === undefined && seed.billingType === "term") assistanceOff.push(id);
    }
    for (const seed of [
      {
        legalName: "Tyrell Systems",
        billingType: "term" as const,
        contact: { firstName: "Eldon", lastName: "Tyrell", email: "eldon@tyrell.test" },
        licenses: [term("Endpoint", "Intercept X Advanced", 300)],
      },
      {
        legalName: "Cyberdyne Labs",
        billingType: "trial" as const,
        trialStartedBy: "partner" as const,
        assistance: "partner_trial" as const,
        contact: { firstName: "Miles", lastName: "Dyson", email: "miles@cyberdyne.test" },
        licenses: [trial("Endpoint", "Intercept X Advanced", 3)],
      },
    ]) {
      insertCustomer(tx, contoso.id, seed, now, contosoGroups);
    }

    const user = (email: string, name: string, role: schema.Role, partnerId: number, designatedAll: boolean) =>
      insertUser(tx, { email, ...names(name), role, partnerId, designatedAll, kind: "partner", passwordHash, lastSignInAt: now - DAY });
    const northwindSuper = user("super@northwind.test", "Nadia Super", "super_admin", northwind.id, true);
    const admin = user("admin@northwind.test", "Adam Admin", "admin", northwind.id, false);
    user("helpdesk@northwind.test", "Hana Helpdesk", "help_desk", northwind.id, true);
    user("readonly@northwind.test", "Rui Readonly", "read_only", northwind.id, true);
    user("super@contoso.test", "Carla Contoso", "super_admin", contoso.id, true);
    tx.insert(schema.userDesignatedGroups).values({ userId: admin, groupId: groupIds.get("EMEA")! }).run();
    tx.insert(schema.userDesignatedCustomers).values({ userId: admin, customerId: named.get("Hooli")! }).run();
    insertUser(tx, { email: "admin@acme.test", ...names("Wile Coyote"), kind: "customer", customerId: named.get("Acme Corp")!, passwordHash });
    insertUser(tx, { email: "admin@vandelay.test", ...names("Art Vandelay"), kind: "customer", customerId: named.get("Vandelay Industries")!, passwordHash });

    // Your team (issue 20): one user invited and not yet joined (the invitation's
    // link is minted when Resend sends it: none is stored), one deactivated.
    const pending = insertUser(tx, {
      email: "pending@northwind.test",
      ...names("Pat Pending"),
      role: "help_desk",
      partnerId: northwind.id,
      designatedAll: true,
      kind: "partner",
      passwordHash: "",
      status: "invited",
      invitedByUserId: northwindSuper,
      invitedAt: now - 2 * DAY,
    });
    tx.insert(schema.invitations)
      .values({ userId: pending, partnerId: northwind.id, invitedByUserId: northwindSuper, createdAt: now - 2 * DAY, expiresAt: now + 5 * DAY })
      .run();
    // No activity rows for these two: the demo's activity log starts empty.
    insertUser(tx, {
      email: "former@northwind.test",
      ...names("Dee Former"),
      role: "read_only",
      partnerId: northwind.id,
      designatedAll: true,
      kind: "partner",
      passwordHash,
      status: "deactivated",
      deactivatedAt: now - 30 * DAY,
      lastSignInAt: now - 45 * DAY,
    });

    // Partner Assistance states beyond on and off: one request waiting, one refused.
    tx.insert(schema.approvalRequests)
      .values([
        { customerId: assistanceOff[0]!, requestedByUserId: admin, status: "pending", createdAt: now - 2 * DAY, expiresAt: now + 12 * DAY },
        { customerId: assistanceOff[1]!, requestedByUserId: admin, status: "refused", createdAt: now - 9 * DAY, expiresAt: now + 5 * DAY, answeredAt: now - 7 * DAY },
      ])
      .run();

    tx.insert(schema.earlyAccessPrograms)
      .values([
        { name: "Endpoint Preview", description: "New endpoint detections and controls before their general release.", acceptsFlex: false },
        { name: "Email Security Beta", description: "The next email protection engine, with impersonation checks.", acceptsFlex: true },
        { name: "ZTNA Gateway Early Access", description: "The next ZTNA gateway, hosted by the vendor.", acceptsFlex: false },
      ])
      .run();
  });
}

/** Activity log entries of the benchmark partner for each of its customers. */
export const BENCH_ACTIVITIES_PER_CUSTOMER = 5;

/**
 * Adds a partner with `count` customers for benchmarks: "Benchmark Partner"
 * with `super@bench.test`, the same data every time, and its activity log
 * (BENCH_ACTIVITIES_PER_CUSTOMER entries a customer: 100,000 for 20,000).
 * Does nothing when that partner exists already.
 */
export async function seedLargePartner(db: Db, count: number, now = Date.now()): Promise<{ created: boolean }> {
  const existing = db.select({ id: schema.partners.id }).from(schema.partners).where(eq(schema.partners.name, "Benchmark Partner")).get();
  if (existing) return { created: false };
  const passwordHash = await hash(DEMO_PASSWORD);
  const random = randomGenerator(20000);
  db.transaction((tx) => {
    const partner = tx.insert(schema.partners).values({ name: "Benchmark Partner", flexMsp: true, flexConnect: true }).returning().get();
    const groupNames = ["EMEA", "Americas", "APAC", "Healthcare", "Education", "VIP"];
    const groupIds = new Map<string, number>();
    for (const name of groupNames) {
      groupIds.set(name, tx.insert(schema.groups).values({ partnerId: partner.id, name }).returning().get().id);
    }
    const customerIds: number[] = [];
    for (let i = 1; i <= count; i++) {
      customerIds.push(insertCustomer(tx, partner.id, generatedCustomer(random, i, groupNames), now, groupIds));
    }
    const superId = insertUser(tx, { email: "super@bench.test", ...names("Bench Super"), role: "super_admin", partnerId: partner.id, designatedAll: true, kind: "partner", passwordHash });
    insertBenchActivities(tx, { partnerId: partner.id, userId: superId, customerIds, groupNames, now });
  });
  return { created: true };
}

/**
 * Adds `partners` other partners ("Scale Partner 1" …, `super@scale-1.test`
 * …) with `count` customers each, generated as the Benchmark Partner's are
 * (each partner from its own random seed) but without an activity log: the
 * database the benchmark's "cost as work grows" mode compares with the
 * Benchmark Partner alone (`npm run db:seed -- --partners 100 --customers
 * 20000`: the Benchmark Partner and 99 others, 2,000,000 customers). One
 * transaction a partner; partners that exist already are skipped, so a
 * stopped run can be resumed.
 */
export async function seedOtherPartners(
  db: Db,
  partners: number,
  count: number,
  now = Date.now(),
  progress: (done: number) => void = () => {},
): Promise<{ created: number }> {
  const passwordHash = await hash(DEMO_PASSWORD);
  const groupNames = ["EMEA", "Americas", "APAC", "Healthcare", "Education", "VIP"];
  let created = 0;
  for (let n = 1; n <= partners; n++) {
    const name = `Scale Partner ${n}`;
    const existing = db.select({ id: schema.partners.id }).from(schema.partners).where(eq(schema.partners.name, name)).get();
    if (existing) continue;
    const random = randomGenerator(20000 + n);
    db.transaction((tx) => {
      const partner = tx.insert(schema.partners).values({ name, flexMsp: true, flexConnect: n % 2 === 0 }).returning().get();
      const groupIds = new Map<string, number>();
      for (const group of groupNames) {
        groupIds.set(group, tx.insert(schema.groups).values({ partnerId: partner.id, name: group }).returning().get().id);
      }
      for (let i = 1; i <= count; i++) insertCustomer(tx, partner.id, generatedCustomer(random, i, groupNames), now, groupIds);
      insertUser(tx, { email: `super@scale-${n}.test`, ...names(`Scale Super ${n}`), role: "super_admin", partnerId: partner.id, designatedAll: true, kind: "partner", passwordHash });
    });
    created++;
    progress(n);
  }
  return { created };
}

/**
 * The benchmark partner's activity log: BENCH_ACTIVITIES_PER_CUSTOMER
 * entries a customer, spread evenly over the two years before `now`, of
 * every common kind, mostly by its Super Admin and one in ten by a scheduled
 * job. Its own random generator, so the customers stay exactly as before.
 */
function insertBenchActivities(
  tx: Tx,
  { partnerId, userId, customerIds, groupNames, now }: { partnerId: number; userId: number; customerIds: number[]; groupNames: string[]; now: number },
): void {
  if (customerIds.length === 0) return;
  const random = randomGenerator(100_000);
  const total = customerIds.length * BENCH_ACTIVITIES_PER_CUSTOMER;
  const span = 730 * DAY;
  type Entry = { customer: boolean; kind: string; before?: object; after?: object };
  const entry = (): Entry => {
    const group = random.pick(groupNames);
    switch (random.int(0, 9)) {
      case 0:
      case 1:
        return { customer: true, kind: "customer.rename", before: { displayName: "" }, after: { displayName: `Renamed ${random.int(1, 9999)}` } };
      case 2:
        return { customer: true, kind: "customer.group.add", after: { group } };
      case 3:
        return { customer: true, kind: "customer.group.remove", before: { group } };
      case 4:
      case 5:
        return { customer: true, kind: "customer.launch" };
      case 6:
        return { customer: true, kind: "approval.requested" };
      case 7:
        return { customer: true, kind: "customer.program.join", after: { program: "Email Security Beta" } };
      case 8:
        return random.next() < 0.5
          ? { customer: true, kind: "assistance.on", before: { partnerAssistance: false }, after: { partnerAssistance: true } }
          : { customer: true, kind: "customer.unlinkScheduled", after: { unlinkScheduledFor: firstDayOfNextMonth(now) } };
      default:
        return { customer: false, kind: "group.rename", before: { group }, after: { group: `${group} ${random.int(1, 99)}` } };
    }
  };
  const BATCH = 500;
  for (let start = 0; start < total; start += BATCH) {
    const rows: (typeof schema.activities.$inferInsert)[] = [];
    for (let i = start; i < Math.min(total, start + BATCH); i++) {
      const { customer, kind, before, after } = entry();
      rows.push({
        partnerId,
        customerId: customer ? random.pick(customerIds) : null,
        actorUserId: random.next() < 0.1 ? null : userId,
        kind,
        before: before ? JSON.stringify(before) : null,
        after: after ? JSON.stringify(after) : null,
        // Oldest first, so ids grow with time as they do in real use.
        createdAt: now - span + Math.floor((i * span) / total),
      });
    }
    tx.insert(schema.activities).values(rows).run();
  }
}
