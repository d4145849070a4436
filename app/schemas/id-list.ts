/**
 * The chosen groups and customers of a form (a user's or an API
 * credential's customer access): repeated `groupIds`/`customerIds` values.
 */
import { z } from "zod";

/** At most this many groups or customers are read from one form. */
const MAX_CHOSEN = 1000;
const ID = /^[1-9]\d{0,15}$/;

/** Positive whole numbers, anything else ignored. */
export const idList = z
  .array(z.string())
  .optional()
  .transform((values) =>
    (values ?? [])
      .slice(0, MAX_CHOSEN)
      .map((value) => value.trim())
      .filter((value) => ID.test(value))
      .map(Number)
      .filter(Number.isSafeInteger),
  );
