import { defineMessages } from "../define";

/** Starting a trial and creating a monthly account (F7). */
export const lifecycle = defineMessages(
  {
    "lifecycle.title": "Start trial",
  },
  {
    "lifecycle.title": "Iniciar evaluación",
  },
);
