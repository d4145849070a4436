import { defineMessages } from "../define";

/**
 * Partner Assistance (F12, F13, F14): asking a customer's approval, launching
 * its Central Admin and the banner of a launched console (partner side), and
 * the customer's own Central Admin: its navigation, "Account details" and the
 * "Partner Assistance" page. Also the message of the customer policy's one
 * refusal reason that belongs to this area.
 */
export const assistance = defineMessages(
  {
    "policy.managedOrder.assistance": "Managed customer orders always have Partner Assistance on: it cannot be turned off.",

    "partnerAssistance.heading": "Partner Assistance",
    "approval.request": "Request approval",
    "approval.requestHint": "The customer's admin is asked to turn on Partner Assistance in Central Admin. The request expires after 14 days.",
    "approval.requested": "You asked {customer} for approval. The request waits for the customer's answer until {date}.",
    "launch.button": "Launch customer",
    "launch.readOnlyHint": "Your role opens the customer's console read-only.",
    "launch.rowOff": "To launch, the customer's admin must turn on Partner Assistance: Account details > Support > Partner Assistance",

    "launch.banner.label": "Customer console you are managing",
    "launch.banner.text": "You are managing {customer} as {user} of {partner}.",
    "launch.banner.readOnly": "Read-only: you can see every page, but change nothing.",
    "launch.back": "Back to Partner Console",
    "launch.left": "You are back in the Partner Console. You no longer manage {customer}.",
    "launch.ended.assistanceOff": "{customer} has turned off Partner Assistance, so you can no longer manage its console. You are back in the Partner Console.",
    "launch.ended.gone": "You can no longer manage the console of {customer}. You are back in the Partner Console.",
    "launch.leave.title": "Back to Partner Console",
    "launch.leave.prompt": "Stop managing {customer} and go back to the Partner Console?",

    "consoleNav.account": "Account details",

    "centralAccount.title": "Account details",
    "centralAccount.legalName": "Legal name",
    "centralAccount.partner": "Partner",
    "centralAccount.support": "Support",
    "centralAccount.supportText": "Partner Assistance lets your partner, {partner}, open this console to help you.",
    "centralAccount.assistanceLink": "Partner Assistance",
    "centralAccount.supportLaunched": "Only the customer's own admin can see and change Partner Assistance.",

    "centralAssistance.title": "Partner Assistance",
    "centralAssistance.intro": "When Partner Assistance is on, your partner, {partner}, can open this console to help you. You can turn it off at any time: that ends the partner's access at once.",
    "centralAssistance.on": "Partner Assistance is on.",
    "centralAssistance.onSince": "Partner Assistance is on, since {date}.",
    "centralAssistance.off": "Partner Assistance is off.",
    "centralAssistance.managed": "Your account was bought through the marketplace (a managed customer order): Partner Assistance is always on.",
    "centralAssistance.turnOn": "Turn on Partner Assistance",
    "centralAssistance.turnOff": "Turn off Partner Assistance",
    "centralAssistance.requests": "Requests from your partner",
    "centralAssistance.noRequests": "There is no request waiting for your answer.",
    "centralAssistance.request": "{partner} asks you to turn on Partner Assistance. Asked by {user} on {date}. The request waits for your answer until {expires}.",
    "centralAssistance.approve": "Approve",
    "centralAssistance.refuse": "Refuse",
    "centralAssistance.approveFor": "Approve the request from {partner}",
    "centralAssistance.refuseFor": "Refuse the request from {partner}",
    "centralAssistance.turnedOn": "Partner Assistance is on: {partner} can now open this console to help you.",
    "centralAssistance.turnedOff": "Partner Assistance is off: {partner} can no longer open this console.",
    "centralAssistance.alreadyOn": "Partner Assistance was already on. Nothing was changed.",
    "centralAssistance.alreadyOff": "Partner Assistance was already off. Nothing was changed.",
    "centralAssistance.approved": "You approved the request from {partner}: Partner Assistance is on.",
    "centralAssistance.refused": "You refused the request from {partner}.",
    "centralAssistance.notPending": "That request no longer waits for an answer: it expired or was answered already. Nothing was changed.",
  },
  {
    "policy.managedOrder.assistance": "Los pedidos de clientes gestionados siempre tienen la Asistencia de partner activada: no se puede desactivar.",

    "partnerAssistance.heading": "Asistencia de partner",
    "approval.request": "Solicitar aprobación",
    "approval.requestHint": "Se pide al administrador del cliente que active la Asistencia de partner en Central Admin. La solicitud caduca a los 14 días.",
    "approval.requested": "Ha solicitado la aprobación de {customer}. La solicitud espera la respuesta del cliente hasta el {date}.",
    "launch.button": "Iniciar cliente",
    "launch.readOnlyHint": "Con su rol, la consola del cliente se abre en modo de solo lectura.",
    "launch.rowOff": "Para iniciarlo, el administrador del cliente debe activar la Asistencia de partner: Detalles de la cuenta > Soporte > Asistencia de partner",

    "launch.banner.label": "Consola de cliente que está gestionando",
    "launch.banner.text": "Está gestionando {customer} como {user} de {partner}.",
    "launch.banner.readOnly": "Solo lectura: puede ver todas las páginas, pero no cambiar nada.",
    "launch.back": "Volver a Partner Console",
    "launch.left": "Ha vuelto a Partner Console. Ya no gestiona {customer}.",
    "launch.ended.assistanceOff": "{customer} ha desactivado la Asistencia de partner, así que ya no puede gestionar su consola. Ha vuelto a Partner Console.",
    "launch.ended.gone": "Ya no puede gestionar la consola de {customer}. Ha vuelto a Partner Console.",
    "launch.leave.title": "Volver a Partner Console",
    "launch.leave.prompt": "¿Desea dejar de gestionar {customer} y volver a Partner Console?",

    "consoleNav.account": "Detalles de la cuenta",

    "centralAccount.title": "Detalles de la cuenta",
    "centralAccount.legalName": "Razón social",
    "centralAccount.partner": "Partner",
    "centralAccount.support": "Soporte",
    "centralAccount.supportText": "La Asistencia de partner permite a su partner, {partner}, abrir esta consola para ayudarle.",
    "centralAccount.assistanceLink": "Asistencia de partner",
    "centralAccount.supportLaunched": "Solo el administrador del propio cliente puede ver y cambiar la Asistencia de partner.",

    "centralAssistance.title": "Asistencia de partner",
    "centralAssistance.intro": "Cuando la Asistencia de partner está activada, su partner, {partner}, puede abrir esta consola para ayudarle. Puede desactivarla en cualquier momento: el acceso del partner termina de inmediato.",
    "centralAssistance.on": "La Asistencia de partner está activada.",
    "centralAssistance.onSince": "La Asistencia de partner está activada desde el {date}.",
    "centralAssistance.off": "La Asistencia de partner está desactivada.",
    "centralAssistance.managed": "Su cuenta se adquirió a través del marketplace (un pedido de cliente gestionado): la Asistencia de partner siempre está activada.",
    "centralAssistance.turnOn": "Activar la Asistencia de partner",
    "centralAssistance.turnOff": "Desactivar la Asistencia de partner",
    "centralAssistance.requests": "Solicitudes de su partner",
    "centralAssistance.noRequests": "No hay ninguna solicitud esperando su respuesta.",
    "centralAssistance.request": "{partner} le pide que active la Asistencia de partner. Solicitado por {user} el {date}. La solicitud espera su respuesta hasta el {expires}.",
    "centralAssistance.approve": "Aprobar",
    "centralAssistance.refuse": "Rechazar",
    "centralAssistance.approveFor": "Aprobar la solicitud de {partner}",
    "centralAssistance.refuseFor": "Rechazar la solicitud de {partner}",
    "centralAssistance.turnedOn": "La Asistencia de partner está activada: {partner} ya puede abrir esta consola para ayudarle.",
    "centralAssistance.turnedOff": "La Asistencia de partner está desactivada: {partner} ya no puede abrir esta consola.",
    "centralAssistance.alreadyOn": "La Asistencia de partner ya estaba activada. No se ha cambiado nada.",
    "centralAssistance.alreadyOff": "La Asistencia de partner ya estaba desactivada. No se ha cambiado nada.",
    "centralAssistance.approved": "Ha aprobado la solicitud de {partner}: la Asistencia de partner está activada.",
    "centralAssistance.refused": "Ha rechazado la solicitud de {partner}.",
    "centralAssistance.notPending": "Esa solicitud ya no espera respuesta: ha caducado o ya se respondió. No se ha cambiado nada.",
  },
);
