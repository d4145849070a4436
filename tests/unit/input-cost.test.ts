/**
 * No input costs more than linear time (docs/decisions/0021-request-limits.md):
 * everything that cleans, parses or matches what a client typed is timed on
 * 2,000 and on 40,000 characters, and the longer may take at most 20 times
 * as long (linear would be 20; quadratic 400). A cleaner that refuses long
 * input before it runs passes trivially, as it should.
 */
import { describe, expect, it } from "vitest";
import { parseWithZod } from "@conform-to/zod/v4";
import { cleanName } from "~/domain/names";
import { createI18n } from "~/i18n/translate";
import { parseActivityQuery } from "~/schemas/activity-query";
import { parseCustomerListQuery } from "~/schemas/customer-list-query";
import { groupNameSchema } from "~/schemas/group-name";
import { startTrialSchema } from "~/schemas/new-customer";
import { renameSchema } from "~/schemas/rename";
import { parseSelection } from "~/schemas/selection";
import { signInSchema } from "~/schemas/sign-in";
import { foldText } from "../../lib/text";

const t = createI18n("en");

/** Milliseconds a call, the best of five rounds of at least 20 ms each (one call may be slow enough alone). */
function msPerCall(run: () => unknown): number {
  let best = Infinity;
  for (let round = 0; round < 5; round += 1) {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      run();
      calls += 1;
      elapsed = performance.now() - start;
    } while (elapsed < 20);
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

/** Text that exercises every cleaner: letters, spaces, marks, invisible characters, digits, an emoji. */
function typed(length: number): string {
  const piece = "Ca\u0301fe\u0301 \u200B12 \u2764\uFE0F\u202E";
  return piece.repeat(Math.ceil(length / piece.length)).slice(0, length);
}

/** A cleaner: what arrives is made from the typed text first (not timed), then cleaned (timed). */
type Cleaner = [name: string, prepare: (text: string) => unknown, clean: (input: never) => unknown];

function cleaner<T>(name: string, prepare: (text: string) => T, clean: (input: T) => unknown): Cleaner {
  return [name, prepare, clean as (input: never) => unknown];
}

const CLEANERS: Cleaner[] = [
  cleaner("cleanName", (text) => text, (text) => cleanName(text, 100)),
  cleaner(
    "a display name",
    (text) => form({ displayName: text, version: "1" }),
    (data) => parseWithZod(data, { schema: renameSchema(t) }),
  ),
  cleaner("a group name", (text) => form({ name: text }), (data) => parseWithZod(data, { schema: groupNameSchema(t) })),
  cleaner(
    "the trial form's fields",
    (text) => form({ companyName: text, firstName: text, lastName: text, email: text, phone: text, country: text }),
    (data) => parseWithZod(data, { schema: startTrialSchema(t) }),
  ),
  cleaner(
    "the sign-in form",
    (text) => form({ email: text, password: text }),
    (data) => parseWithZod(data, { schema: signInSchema(t) }),
  ),
  cleaner(
    "the Customers list's search, folded as the list searches",
    (text) => new URLSearchParams({ q: text, sort: text, page: text }),
    (params) => foldText(parseCustomerListQuery(params).query.q),
  ),
  cleaner(
    "the activity log's filters",
    (text) => new URLSearchParams({ customer: text, from: text, to: text, actor: text, kind: text }),
    (params) => parseActivityQuery(params),
  ),
  cleaner("a selection", (text) => text.split(" "), (values) => parseSelection(values)),
];

describe("what cleans or parses input runs in linear time, or refuses long input first", () => {
  it.each(CLEANERS)("%s", (_name, prepare, clean) => {
    const short = prepare(typed(2_000)) as never;
    const long = prepare(typed(40_000)) as never;
    clean(long); // warm up
    const ratio = msPerCall(() => clean(long)) / msPerCall(() => clean(short));
    expect(ratio).toBeLessThanOrEqual(20);
  });

  it("a name's field refuses a megabyte at once, with the usual message", () => {
    const start = performance.now();
    const submission = parseWithZod(form({ displayName: "a".repeat(1_000_000), version: "1" }), { schema: renameSchema(t) });
    expect(performance.now() - start).toBeLessThan(100);
    expect(submission.status).toBe("error");
    expect(submission.status === "error" ? submission.error?.displayName : null).toEqual([t("rename.tooLong")]);
  });
});
