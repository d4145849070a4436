import { defineMessages } from "../define";

export const integrations = defineMessages(
  {
    "integrations.title": "Integrations",
    "integrations.heading": "Integrations",
  },
  {
    "integrations.title": "Integraciones",
    "integrations.heading": "Integraciones",
  },
);
