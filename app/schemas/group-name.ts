import { z } from "zod";
import type { Translate } from "~/i18n/translate";
import { nameField } from "./name-field";

/** The longest group name, in characters (the database checks it too). */
export const GROUP_NAME_MAX = 60;

/**
 * "Group name" (F6), for creating and renaming a group: a name
 * (app/domain/names.ts) of 1 to 60 characters. Whether another group of the
 * partner has the name already is the model's to say, inside its transaction.
 */
export function groupNameSchema(t: Translate) {
  return z.object({
    name: nameField(
      { required: t("groups.name.required"), invisible: t("groups.name.invisible"), tooLong: t("groups.name.tooLong") },
      GROUP_NAME_MAX,
    ),
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
