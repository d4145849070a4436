/**
 * Every form that takes a name refuses one that only looks blank and stores
 * the name cleaned (app/domain/names.ts): the display name, a new group, a
 * group's new name, a trial's company and contact, a monthly account's.
 */
import { afterEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { createTranslator } from "~/i18n/translate";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { createCustomer, partnerIdByName, userIdByEmail } from "../support/db";
import { post, type FormBody } from "../support/http";
import { submitForm, type Outcome } from "../support/routes";

const en = createTranslator("en");
const es = createTranslator("es");
/** Looks blank: a Hangul filler, the Braille blank, zero-width space and joiner, an ideographic space. */
const BLANK_LOOKING = "\u3164\u2800\u200B\u200D\u3000\uFFA0";
let made = 0;
/** A unique name, as typed with invisible characters around it and a right-to-left override inside. */
function dressed(base: string): { typed: string; stored: string } {
  made += 1;
  const stored = `${base} ${made}-${process.pid}`;
  return { typed: `\u200B\uFEFF${stored.slice(0, 3)}\u202E${stored.slice(3)}\u2066\u3164\u2800`, stored };
}

afterEach(() => {
  getDb().delete(schema.drafts).run();
});

async function send(path: string, form: FormBody, headers: Record<string, string> = {}): Promise<Outcome> {
  return submitForm(post(path, form, { cookie: await sessionFor(ACCOUNTS.northwindSuper), headers }));
}

function errorsOf(outcome: Outcome): Record<string, string[] | null> {
  expect(outcome.status).toBe(400);
  return (outcome.data as { reply: { error: Record<string, string[] | null> } }).reply.error;
}

const northwind = () => partnerIdByName("Northwind Security");
const customer = { country: "DE", dataGeography: "DE", firstName: "Greta", lastName: "Keller", email: "greta@example.com" };

describe("a name that only looks blank is refused, saying so", () => {
  it("the display name (English and Spanish)", async () => {
    const id = createCustomer(northwind());
    const path = `/customers/${id}/name`;
    expect(errorsOf(await send(path, { displayName: BLANK_LOOKING, version: "1" })).displayName).toEqual([en("rename.invisible")]);
    const spanish = await send(path, { displayName: BLANK_LOOKING, version: "1" }, { "Accept-Language": "es" });
    expect(errorsOf(spanish).displayName).toEqual([es("rename.invisible")]);
  });

  it("a new group's name, and a group's new name", async () => {
    expect(errorsOf(await send("/groups", { name: BLANK_LOOKING })).name).toEqual([en("groups.name.invisible")]);
    const group = dressed("Named Group");
    expect((await send("/groups", { name: group.stored })).status).toBe(302);
    const id = groupId(group.stored);
    expect(errorsOf(await send(`/groups/${id}/rename`, { name: BLANK_LOOKING })).name).toEqual([en("groups.name.invisible")]);
  });

  it("a trial's company and contact names", async () => {
    const errors = errorsOf(
      await send("/customers/trial", {
        ...customer,
        companyName: BLANK_LOOKING,
        firstName: BLANK_LOOKING,
        lastName: "\u2800",
        products: ["endpoint"],
      }),
    );
    expect(errors.companyName).toEqual([en("lifecycle.companyName.invisible")]);
    expect(errors.firstName).toEqual([en("lifecycle.firstName.invisible")]);
    expect(errors.lastName).toEqual([en("lifecycle.lastName.invisible")]);
  });

  it("a monthly account's company name", async () => {
    const errors = errorsOf(await send("/customers/monthly", { ...customer, companyName: BLANK_LOOKING }));
    expect(errors.companyName).toEqual([en("lifecycle.companyName.invisible")]);
    expect(getDb().select().from(schema.drafts).all()).toHaveLength(0);
  });
});

function groupId(name: string): number {
  const row = getDb()
    .select({ id: schema.groups.id })
    .from(schema.groups)
    .where(and(eq(schema.groups.partnerId, northwind()), eq(schema.groups.name, name)))
    .get();
  expect(row, name).toBeDefined();
  return row!.id;
}

describe("a name is stored cleaned: invisible ends trimmed, direction overrides removed", () => {
  it("the display name", async () => {
    const id = createCustomer(northwind());
    const name = dressed("Shown As");
    expect((await send(`/customers/${id}/name`, { displayName: name.typed, version: "1" })).status).toBe(302);
    const row = getDb().select().from(schema.customers).where(eq(schema.customers.id, id)).get();
    expect(row?.displayName).toBe(name.stored);
  });

  it("a new group's name, and a group's new name", async () => {
    const created = dressed("Cleaned Group");
    expect((await send("/groups", { name: created.typed })).status).toBe(302);
    const id = groupId(created.stored);
    const renamed = dressed("Renamed Group");
    expect((await send(`/groups/${id}/rename`, { name: renamed.typed })).status).toBe(302);
    expect(groupId(renamed.stored)).toBe(id);
  });

  it("a trial's company and contact names", async () => {
    const company = dressed("Trial Names");
    const outcome = await send("/customers/trial", {
      ...customer,
      companyName: company.typed,
      firstName: "\u200BGreta\u3164",
      products: ["endpoint"],
    });
    expect(outcome.status).toBe(302);
    const row = getDb().select().from(schema.customers).where(eq(schema.customers.legalName, company.stored)).get();
    expect(row).toBeDefined();
    expect(JSON.stringify(row)).not.toMatch(/[\u200B\u202E\u2066\u3164\u2800\uFEFF]/);
    expect(JSON.stringify(row)).toContain('"Greta"');
  });

  it("a monthly account's company name, kept in the draft", async () => {
    const company = dressed("Monthly Names");
    expect((await send("/customers/monthly", { ...customer, companyName: company.typed })).status).toBe(302);
    const draft = getDb()
      .select()
      .from(schema.drafts)
      .where(eq(schema.drafts.userId, userIdByEmail(ACCOUNTS.northwindSuper)))
      .get();
    expect(draft?.data).toContain(JSON.stringify(company.stored));
  });
});
