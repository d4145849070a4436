import { z } from "zod";
import type { Translate } from "~/i18n/translate";

export const DISPLAY_NAME_MAX = 100;

/** "Name shown as" (F4): 1 to 100 characters after trimming, and the version it was read at. */
export function renameSchema(t: Translate) {
  return z.object({
    displayName: z
      .string({ error: t("rename.required") })
      .trim()
      .min(1, { error: t("rename.required") })
      .refine((value) => [...value].length <= DISPLAY_NAME_MAX, { error: t("rename.tooLong") }),
    version: z.number().int().positive(),
  });
}

export type RenameFields = z.input<ReturnType<typeof renameSchema>>;
