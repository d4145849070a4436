/**
 * Reading a page's URL query with Zod, as its forms are read (STYLE.md §0.3).
 * A page's address is the user's to edit, so a query never fails: each
 * value is checked by its own schema; an absent or empty value is null, and
 * a value its schema refuses is null too, with `ignoredValues` set so the
 * page can say a value was ignored (never a 500).
 */
import { z } from "zod";

/** A whole number from 1, as a page number or an id is written in an address. */
export function positiveIntParam() {
  return z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .pipe(z.number().min(1));
}

type Fields = Record<string, z.ZodType<unknown, string>>;

export function readUrlQuery<F extends Fields>(
  params: URLSearchParams,
  fields: F,
): { values: { [K in keyof F]: z.output<F[K]> | null }; ignoredValues: boolean } {
  let ignoredValues = false;
  const values = {} as { [K in keyof F]: z.output<F[K]> | null };
  for (const name of Object.keys(fields) as (keyof F & string)[]) {
    const raw = params.get(name);
    if (raw === null || raw === "") {
      values[name] = null;
      continue;
    }
    const parsed = fields[name]!.safeParse(raw);
    if (!parsed.success) ignoredValues = true;
    values[name] = parsed.success ? (parsed.data as z.output<F[typeof name]>) : null;
  }
  return { values, ignoredValues };
}
