import { defineMessages } from "../define";

/**
 * The customer-access picker (components/ui/CustomerAccessPicker.tsx): "Add
 * user", "User details" and API credentials. Its legend and options are the
 * users area's ("users.access.*").
 */
export const customerAccess = defineMessages(
  {
    "picker.chosenIntro": "For \"Chosen groups and customers\": tick groups, and find single customers to add. A customer in a chosen group is included.",
    "picker.groups": "Groups",
    "picker.noGroups": "Your partner account has no groups.",
    "picker.search.label": "Find customers to add",
    "picker.search.hint": "Part of the customer's name or contact email.",
    "picker.search.button": "Search",
    "picker.results.one": "{count} customer matches \"{search}\"",
    "picker.results.other": "{count} customers match \"{search}\"",
    "picker.results.more": "The first {count} customers matching \"{search}\". Type more of the name to find others.",
    "picker.results.none": "No customer that is not chosen already matches \"{search}\".",
    "picker.add": "Add",
    "picker.remove": "Remove",
    "picker.chosen.one": "{count} chosen customer",
    "picker.chosen.other": "{count} chosen customers",
    "picker.chosen.none": "No single customers chosen.",
  },
  {
    "picker.chosenIntro": "Para \"Grupos y clientes elegidos\": marque grupos y busque clientes sueltos que añadir. Un cliente de un grupo elegido queda incluido.",
    "picker.groups": "Grupos",
    "picker.noGroups": "Su cuenta de partner no tiene grupos.",
    "picker.search.label": "Buscar clientes que añadir",
    "picker.search.hint": "Parte del nombre del cliente o de su correo electrónico de contacto.",
    "picker.search.button": "Buscar",
    "picker.results.one": "{count} cliente coincide con \"{search}\"",
    "picker.results.other": "{count} clientes coinciden con \"{search}\"",
    "picker.results.more": "Los primeros {count} clientes que coinciden con \"{search}\". Escriba más del nombre para encontrar otros.",
    "picker.results.none": "Ningún cliente que no esté ya elegido coincide con \"{search}\".",
    "picker.add": "Añadir",
    "picker.remove": "Quitar",
    "picker.chosen.one": "{count} cliente elegido",
    "picker.chosen.other": "{count} clientes elegidos",
    "picker.chosen.none": "No hay clientes sueltos elegidos.",
  },
);
