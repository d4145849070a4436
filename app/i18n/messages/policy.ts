import { defineMessages } from "../define";

/**
 * Why the customer policy (domain/customer-policy.ts) refuses an action: one
 * message per refusal reason, shown on the 403 page and beside the control a
 * page leaves out. `{date}` is the day from which it would be allowed.
 */
export const policy = defineMessages(
  {
    "policy.role": "Your role does not allow this action. Ask a Super Admin of your partner account if you need it.",
    "policy.program.flexMsp": "Only partners in the Partner Flex MSP program can do this.",
    "policy.program.flexConnect": "Only partners in the MSP Flex Connect program can do this.",
    "policy.otherCustomer": "This belongs to another customer's console.",
    "policy.managedOrder.rename": "Managed customer orders are managed through the marketplace: they cannot be renamed here.",
    "policy.managedOrder.requestApproval": "Managed customer orders always have Partner Assistance on: there is no approval to request.",
    "policy.managedOrder.joinProgram": "Managed customer orders are managed through the marketplace: they cannot join early access programs here.",
    "policy.managedOrder.convertBilling": "Managed customer orders are managed through the marketplace: their billing type cannot be changed here.",
    "policy.managedOrder.unlink": "Managed customer orders are managed through the marketplace: they cannot be unlinked here.",
    "policy.assistance.off": "Partner Assistance is off for this customer. The customer's admin can turn on Partner Assistance in Central Admin: Account details > Support > Partner Assistance.",
    "policy.assistance.alreadyOn": "Partner Assistance is already on for this customer: there is no approval to request.",
    "policy.request.pending": "A request for approval is already waiting for the customer's answer, until {date}.",
    "policy.earlyAccess.flexNotAccepted": "Flex licenses are monthly licenses and are not compatible with this program",
    "policy.earlyAccess.alreadyEnrolled": "The customer is already enrolled in this program.",
    "policy.earlyAccess.notEnrolled": "The customer is not enrolled in this program.",
    "policy.billing.notTrial": "Only trial customers can be changed to monthly billing.",
    "policy.unlink.recentLicense": "This customer has an active license, or one that ended less than 60 days ago: it can be unlinked from {date}.",
    "policy.unlink.alreadyScheduled": "An unlink of this customer is already scheduled, for {date}.",
  },
  {
    "policy.role": "Su rol no permite esta acción. Si la necesita, pídasela a un superadministrador de su cuenta de partner.",
    "policy.program.flexMsp": "Solo los partners del programa Partner Flex MSP pueden hacer esto.",
    "policy.program.flexConnect": "Solo los partners del programa MSP Flex Connect pueden hacer esto.",
    "policy.otherCustomer": "Esto pertenece a la consola de otro cliente.",
    "policy.managedOrder.rename": "Los pedidos de clientes gestionados se gestionan a través del marketplace: no se pueden renombrar aquí.",
    "policy.managedOrder.requestApproval": "Los pedidos de clientes gestionados siempre tienen la Asistencia de partner activada: no hay aprobación que solicitar.",
    "policy.managedOrder.joinProgram": "Los pedidos de clientes gestionados se gestionan a través del marketplace: no pueden unirse aquí a programas de acceso anticipado.",
    "policy.managedOrder.convertBilling": "Los pedidos de clientes gestionados se gestionan a través del marketplace: su tipo de facturación no se puede cambiar aquí.",
    "policy.managedOrder.unlink": "Los pedidos de clientes gestionados se gestionan a través del marketplace: no se pueden desvincular aquí.",
    "policy.assistance.off": "La Asistencia de partner está desactivada para este cliente. El administrador del cliente puede activarla en Central Admin: Detalles de la cuenta > Soporte > Asistencia de partner.",
    "policy.assistance.alreadyOn": "La Asistencia de partner ya está activada para este cliente: no hay aprobación que solicitar.",
    "policy.request.pending": "Ya hay una solicitud de aprobación esperando la respuesta del cliente, hasta el {date}.",
    "policy.earlyAccess.flexNotAccepted": "Las licencias Flex son licencias mensuales y no son compatibles con este programa",
    "policy.earlyAccess.alreadyEnrolled": "El cliente ya está inscrito en este programa.",
    "policy.earlyAccess.notEnrolled": "El cliente no está inscrito en este programa.",
    "policy.billing.notTrial": "Solo los clientes en prueba pueden pasar a facturación mensual.",
    "policy.unlink.recentLicense": "Este cliente tiene una licencia activa, o una que terminó hace menos de 60 días: se puede desvincular a partir del {date}.",
    "policy.unlink.alreadyScheduled": "La desvinculación de este cliente ya está programada, para el {date}.",
  },
);
