import { z } from "zod";
import type { Translate } from "~/i18n/translate";

/** The longest group name, in characters (the database checks it too). */
export const GROUP_NAME_MAX = 60;

/**
 * "Group name" (F6), for creating and renaming a group: 1 to 60 characters
 * after trimming. Whether another group of the partner has the name already
 * is the model's to say, inside its transaction.
 */
export function groupNameSchema(t: Translate) {
  return z.object({
    name: z
      .string({ error: t("groups.name.required") })
      // Control characters never belong in a name: dropped, like the spaces
      // around it. One Unicode form, so "Café" typed two ways is one name.
      .transform((value) => value.replace(/\p{Cc}/gu, " ").trim().normalize("NFC"))
      // A name of invisible characters only (zero-width spaces) would be an empty link.
      .refine((value) => /\S/u.test(value.replace(/\p{Cf}/gu, "")), { error: t("groups.name.required") })
      // Characters, not UTF-16 units: an emoji or an accented letter is one.
      .refine((value) => [...value].length <= GROUP_NAME_MAX, { error: t("groups.name.tooLong") }),
  });
}

export type GroupNameFields = z.input<ReturnType<typeof groupNameSchema>>;

/**
 * Whether two group names are the same name for a partner (case ignored), as
 * models/groups.server.ts compares them; the pages use it to name the group a
 * new name clashes with ("emea" clashes with EMEA).
 */
export function sameGroupName(a: string, b: string): boolean {
  return a.toLocaleLowerCase() === b.toLocaleLowerCase();
}
