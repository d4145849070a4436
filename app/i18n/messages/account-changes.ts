import { defineMessages } from "../define";

/** Selecting customers on the list, updating billing type (F8) and unlinking (F9). */
export const accountChanges = defineMessages(
  {
    "accountChanges.title": "Update billing type",
  },
  {
    "accountChanges.title": "Actualizar tipo de facturación",
  },
);
