import { z } from "zod";
import { cleanName } from "~/domain/names";

/** Which of a field's messages says each reason a typed name is no name. */
const problemMessage = { empty: "required", invisible: "invisible", tooLong: "tooLong" } as const;

/**
 * A field that takes a name (app/domain/names.ts): cleaned, then refused
 * with `required` when nothing was typed, with `invisible` when only
 * characters that show nothing were, and with `tooLong` past `max`
 * characters (not UTF-16 units: an accented letter or an emoji is one), or
 * at once, before any cleaning, when far more was typed (cleanName).
 * Every Zod schema that takes a name builds its field here.
 */
export function nameField(messages: { required: string; invisible: string; tooLong: string }, max: number) {
  return z
    .string({ error: messages.required })
    .transform((typed, context) => {
      const cleaned = cleanName(typed, max);
      if (cleaned.ok) return cleaned.name;
      context.addIssue({ code: "custom", message: messages[problemMessage[cleaned.problem]] });
      return z.NEVER;
    })
    .refine((name) => [...name].length <= max, { error: messages.tooLong, abort: true });
}
