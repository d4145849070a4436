import { z } from "zod";
import type { Translate } from "~/i18n/translate";

/**
 * The customers chosen on the Customers list (F8, F9): `?ids=1&ids=2` in
 * the address of a confirmation page, and the same `ids` in the hidden
 * fields of its form. Whatever arrives is read leniently, because an
 * address can be typed or edited: a value that is not a positive whole
 * number is ignored, an id chosen twice counts once, and the order chosen
 * is kept. Whether an id names a customer the user may see is for the
 * models to say (outside the scope it is simply absent).
 */

/**
 * At most this many ids are read from one request. The list offers 50 rows
 * a page, so nobody choosing on it gets near this; it keeps a crafted
 * request cheap and its result page's address short (docs/product.md F8/F9).
 */
export const MAX_SELECTION = 1000;

export type Selection = {
  ids: number[];
  /** More ids came than MAX_SELECTION: the page says only the first ones were read. */
  truncated: boolean;
};

const ID = /^[1-9]\d{0,15}$/;

/** A positive whole-number id, or null. */
function idOf(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (!ID.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
}

/** The chosen ids from repeated `ids` values (URL search or form), cleaned as described above. */
export function parseSelection(values: readonly unknown[]): Selection {
  const ids: number[] = [];
  const seen = new Set<number>();
  // Values past twice the most that can be chosen are not even looked at:
  // no page sends them, and a crafted request stays cheap.
  const read = Math.min(values.length, 2 * MAX_SELECTION);
  for (let index = 0; index < read; index += 1) {
    const id = idOf(values[index]);
    if (id === null || seen.has(id)) continue;
    if (ids.length === MAX_SELECTION) return { ids, truncated: true };
    seen.add(id);
    ids.push(id);
  }
  return { ids, truncated: read < values.length };
}

/*
 * The result page of a change to several customers (post/redirect/get):
 * the outcome of each customer goes in the address, one comma-separated
 * list of ids per outcome (`?done=1&converted=4,9&gone=12`), so the page
 * shows the same thing when reloaded and the change is never sent twice.
 * The page reads the names (and, for a refusal, the current reason) from
 * the database through the user's scope: the address says only which
 * customer had which outcome, and an id outside the scope shows nothing.
 */

/** The marker of a result page's address. */
export const RESULT_MARKER = "done";

/** The outcome lists of a result page, e.g. { converted: [4, 9], gone: [12] }. */
export function resultSearch(lists: Record<string, readonly number[]>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ [RESULT_MARKER]: "1" });
  for (const [name, ids] of Object.entries(lists)) {
    if (ids.length > 0) params.set(name, ids.join(","));
  }
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  // Commas are safe in a query string; keep the address short and readable.
  return `?${params.toString().replace(/%2C/g, ",")}`;
}

/** Whether an address is a result page's. */
export function isResult(search: URLSearchParams): boolean {
  return search.has(RESULT_MARKER);
}

/**
 * One outcome list of a result page's address. Ids are cleaned as a
 * selection's are; an id already claimed by an earlier list (a tampered
 * address) is left out, so each customer has one outcome.
 */
export function parseResultLists<const K extends string>(
  search: URLSearchParams,
  names: readonly K[],
): Record<K, number[]> & { truncated: boolean } {
  const seen = new Set<number>();
  let total = 0;
  let truncated = false;
  const lists = {} as Record<K, number[]>;
  for (const name of names) {
    const ids: number[] = [];
    for (const value of (search.get(name) ?? "").split(",")) {
      const id = idOf(value);
      if (id === null || seen.has(id)) continue;
      if (total === MAX_SELECTION) {
        truncated = true;
        break;
      }
      seen.add(id);
      ids.push(id);
      total += 1;
    }
    lists[name] = ids;
  }
  return Object.assign(lists, { truncated });
}

/** A day in the result page's address (milliseconds since the epoch, a positive whole number), or null. */
export function parseDay(value: string | null): number | null {
  const day = idOf(value ?? "");
  // Beyond the last day a Date can hold, formatting it would throw: not a day.
  return day !== null && day <= MAX_DATE_MS ? day : null;
}

/** The largest time a JavaScript Date holds (ECMA-262: 100,000,000 days after the epoch). */
const MAX_DATE_MS = 8.64e15;

/**
 * "Unlink": when any chosen customer would be unlinked at once, the user
 * must say so explicitly ("Yes, make the unlink effective immediately").
 * Validated on the server (no HTML5 `required`), so the message is the same
 * with and without JavaScript.
 */
export function unlinkConfirmationSchema(t: Translate, { immediate }: { immediate: boolean }) {
  return z.object({
    confirmImmediate: immediate
      ? z.literal("yes", { error: t("accountChanges.unlink.confirmRequired") })
      : // Nothing to confirm: whatever the field says is not used.
        z.string().optional(),
  });
}

export type UnlinkConfirmationFields = z.input<ReturnType<typeof unlinkConfirmationSchema>>;

/** The field's name, shared by the form and the action. */
export const CONFIRM_IMMEDIATE = "confirmImmediate";
