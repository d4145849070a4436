import { z } from "zod";
import type { Translate } from "~/i18n/translate";

/** The forms of the customer details page, told apart by their button's `intent`. */
export const customerDetailsIntentSchema = z.enum(["addGroup", "removeGroup", "join", "leave", "cancelUnlink", "requestApproval", "launch"]);

/** "Group" + "Save": the group to add the customer to, chosen from the select. */
export function addToGroupSchema(t: Translate) {
  return z.object({
    groupId: z.coerce
      .number({ error: t("details.groupRequired") })
      .int({ error: t("details.groupRequired") })
      .positive({ error: t("details.groupRequired") }),
  });
}

export type AddToGroupFields = z.input<ReturnType<typeof addToGroupSchema>>;
