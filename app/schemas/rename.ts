import { z } from "zod";
import type { Translate } from "~/i18n/translate";
import { nameField } from "./name-field";

export const DISPLAY_NAME_MAX = 100;

/** "Name shown as" (F4): a name (app/domain/names.ts) of 1 to 100 characters, and the version it was read at. */
export function renameSchema(t: Translate) {
  return z.object({
    displayName: nameField(
      { required: t("rename.required"), invisible: t("rename.invisible"), tooLong: t("rename.tooLong") },
      DISPLAY_NAME_MAX,
    ),
    // A missing or altered version reads as 0, which matches no customer:
    // the save is refused as a conflict, showing the current name.
    version: z.number().int().positive().catch(0),
  });
}

export type RenameFields = z.input<ReturnType<typeof renameSchema>>;
