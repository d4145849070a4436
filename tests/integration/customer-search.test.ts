/**
 * The search's index grouped by partner (db/migrations/0010,
 * customer-search.server.ts): each partner's range of the index holds
 * exactly its customers, kept by the triggers through every write, so a
 * search finds what scanning the partner's folded names finds, and never a
 * customer of another partner.
 */
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { listCustomers } from "~/models/customer-list.server";
import { customerIdsMatching } from "~/models/customer-search.server";
import { parseCustomerListQuery } from "~/schemas/customer-list-query";
import { customerSearchText, customerSortName, foldText } from "../../lib/text";
import { ACCOUNTS } from "../support/accounts";
import { countQueries, createCustomer, deleteCustomer, groupIdByName, partnerIdByName, userIdByEmail } from "../support/db";

const northwindId = partnerIdByName("Northwind Security");
const contosoId = partnerIdByName("Contoso IT");

function sqlite() {
  return getDb().$client;
}

/** The partner's customers whose folded text contains `folded`, by scanning every customer: what the index must answer. */
function scanned(partnerId: number, folded: string): number[] {
  return sqlite()
    .prepare("select id from customers where partner_id = ? and instr(search_text, ?) > 0 order by id")
    .pluck()
    .all(partnerId, folded) as number[];
}

function found(partnerId: number, text: string): number[] {
  return customerIdsMatching(partnerId, foldText(text).trim());
}

function partners(): number[] {
  return sqlite().prepare("select id from partners order by id").pluck().all() as number[];
}

function checkIndex(): void {
  // FTS5 checks its own structure (a contentless index has no text to compare with).
  sqlite().prepare("insert into customer_search (customer_search) values ('integrity-check')").run();
}

describe("the search index grouped by partner", () => {
  it("finds, for every partner and many searches, exactly the customers a scan of the folded names finds", () => {
    const searches = new Set(["corp", "acme", "equipo", "médico", ".test", "a@b", "ltd", "inc", "security", "s \u2022 n", "zzz"]);
    // Pieces of real names and emails, three to eight characters long, from several places in each.
    const texts = sqlite().prepare("select search_text from customers order by id").pluck().all() as string[];
    for (const text of texts) {
      const chars = [...text];
      const pieces: [start: number, length: number][] = [[0, 3], [2, 5], [Math.max(0, chars.length - 8), 8]];
      for (const [start, length] of pieces) {
        const piece = chars.slice(start, start + length).join("");
        if ([...piece.trim()].length >= 3) searches.add(piece.trim());
      }
    }
    expect(searches.size).toBeGreaterThan(50);
    for (const partnerId of partners()) {
      for (const search of searches) {
        const folded = foldText(search).trim();
        expect(found(partnerId, search), `${search} (partner ${partnerId})`).toEqual(scanned(partnerId, folded));
      }
    }
  });

  it("never finds another partner's customer, even with the same name", () => {
    const name = `Twin Harbour ${Date.now()}`;
    const ours = createCustomer(northwindId, { legalName: name });
    const theirs = createCustomer(contosoId, { legalName: name });
    try {
      expect(found(northwindId, name)).toEqual([ours]);
      expect(found(contosoId, name)).toEqual([theirs]);
      checkIndex();
    } finally {
      deleteCustomer(ours);
      deleteCustomer(theirs);
    }
    expect(found(northwindId, name)).toEqual([]);
    expect(found(contosoId, name)).toEqual([]);
  });

  it("follows a rename, a move to another partner and a deletion (the triggers)", () => {
    const stamp = Date.now();
    const before = `Old Lighthouse ${stamp}`;
    const after = `New Quayside ${stamp}`;
    const id = createCustomer(northwindId, { legalName: before });
    try {
      const names = { legalName: after, displayName: "", contactEmail: `quay-${stamp}@example.test` };
      sqlite()
        .prepare("update customers set legal_name = ?, contact_email = ?, sort_name = ?, search_text = ? where id = ?")
        .run(names.legalName, names.contactEmail, customerSortName(names), customerSearchText(names), id);
      expect(found(northwindId, before)).toEqual([]);
      expect(found(northwindId, after)).toEqual([id]);
      expect(found(northwindId, `quay-${stamp}@`)).toEqual([id]);

      sqlite().prepare("update customers set partner_id = ? where id = ?").run(contosoId, id);
      expect(found(northwindId, after)).toEqual([]);
      expect(found(contosoId, after)).toEqual([id]);
      checkIndex();
    } finally {
      deleteCustomer(id);
    }
    expect(found(contosoId, after)).toEqual([]);
    checkIndex();
  });

  it("takes a search with quotes and FTS syntax as text", () => {
    for (const search of ['"', 'a "quoted" name', "equipo OR acme", "NEAR(a b)", "acme*", "search_text:acme"]) {
      const folded = foldText(search).trim();
      if ([...folded].length < 3) continue;
      expect(found(northwindId, search), search).toEqual(scanned(northwindId, folded));
    }
  });
});

describe("what a list page reads does not grow with other partners' customers", () => {
  it("every statement of the list, a search and a filter starts from the partner's index, a group's members, or ids", async () => {
    const emeaId = groupIdByName(northwindId, "EMEA");
    const scopes = [
      { partnerId: northwindId, userId: userIdByEmail(ACCOUNTS.northwindSuper), all: true },
      { partnerId: northwindId, userId: userIdByEmail(ACCOUNTS.northwindAdmin), all: false },
    ];
    const searches = ["", "q=corp", "q=an", `billing=term&status=expiring&group=${emeaId}&sort=licenseEnd&dir=desc`, "assistance=off&sort=billing"];
    for (const scope of scopes) {
      for (const search of searches) {
        for (const shortResult of [1_000, 0]) {
          const { query } = parseCustomerListQuery(new URLSearchParams(search));
          const { sql } = await countQueries(() => listCustomers({ scope, query, shortResult }));
          for (const statement of sql.filter((text) => text.startsWith("select"))) {
            const params = new Array((statement.match(/\?/g) ?? []).length).fill(1);
            const plan = (sqlite().prepare(`explain query plan ${statement}`).all(...params) as { detail: string }[]).map((row) => row.detail);
            const label = `${search} (${scope.all ? "all" : "designated"}, shortResult ${shortResult})\n${statement}\n${plan.join("\n")}`;
            // A full scan of customers, or of the whole search index, would grow with every partner's customers.
            expect(plan.some((step) => /^SCAN customers\b/.test(step)), label).toBe(false);
            if (statement.includes("customer_search")) expect(statement, label).toContain("rowid >= ?");
          }
        }
      }
    }
  });
});
