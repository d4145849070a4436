import { defineMessages } from "../define";

/** The activity log (F16). */
export const activity = defineMessages(
  {
    "activity.title": "Activity log",
  },
  {
    "activity.title": "Registro de actividad",
  },
);
