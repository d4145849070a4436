import { z } from "zod";
import type { Translate } from "~/i18n/translate";

export const DISPLAY_NAME_MAX = 100;

/** "Name shown as" (F4): 1 to 100 characters after trimming, and the version it was read at. */
export function renameSchema(t: Translate) {
  return z.object({
    displayName: z
      .string({ error: t("rename.required") })
      // Control characters never belong in a name: dropped, like the spaces around it.
      .transform((value) => value.replace(/\p{Cc}/gu, " ").trim())
      // A name of invisible characters only (zero-width spaces) would be an empty link.
      .refine((value) => /\S/u.test(value.replace(/\p{Cf}/gu, "")), { error: t("rename.required") })
      .refine((value) => [...value].length <= DISPLAY_NAME_MAX, { error: t("rename.tooLong") }),
    // A missing or altered version reads as 0, which matches no customer:
    // the save is refused as a conflict, showing the current name.
    version: z.number().int().positive().catch(0),
  });
}

export type RenameFields = z.input<ReturnType<typeof renameSchema>>;
