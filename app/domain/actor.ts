/**
 * Who is asking: the one `Actor` the guard (services/authz.server.ts) returns
 * to every loader and action, and that the customer policy judges.
 */
import type { Role } from "../../lib/enums";

/**
 * Which customers a partner user may see: every customer model function
 * takes one, so no query can forget the partner or the designation
 * (models/scope.server.ts turns it into SQL).
 */
export type CustomerScope = {
  partnerId: number;
  userId: number;
  /** A Super Admin, or a user designated to all customers. */
  all: boolean;
  /** Set for a customer's own console: only this customer, whatever else holds. */
  customerId?: number;
  /**
   * Set for a Partner API credential (issue 21): the designation is the
   * credential's (api_credential_groups, api_credential_customers), not
   * `userId`'s.
   */
  credentialId?: number;
};

export type PartnerSummary = { id: number; name: string; flexMsp: boolean; flexConnect: boolean };
export type UserSummary = { id: number; email: string; name: string };

/** A partner user in the Partner Console. */
export type PartnerActor = {
  kind: "partner";
  user: UserSummary & { role: Role; designatedAll: boolean };
  partner: PartnerSummary;
  scope: CustomerScope;
};

/** A customer's own admin, in its Central Admin. */
export type CustomerAdminActor = {
  kind: "customerAdmin";
  user: UserSummary;
  customer: { id: number; partnerId: number; name: string };
  scope: CustomerScope;
};

/**
 * A partner user launched into one customer's Central Admin (F13): it sees
 * that console as the customer would, read-only for a Read-only user, and
 * never the Partner Assistance setting.
 */
export type LaunchedActor = {
  kind: "launched";
  user: UserSummary & { role: Role; designatedAll: boolean };
  partner: PartnerSummary;
  customer: { id: number; partnerId: number; name: string };
  /** The partner user's scope narrowed to the launched customer. */
  scope: CustomerScope;
  readOnly: boolean;
};

export type Actor = PartnerActor | CustomerAdminActor | LaunchedActor;

/**
 * A Partner API credential calling the API (issue 21): it acts for its
 * partner with its own role and customer access, and the activity log names
 * it. Not an `Actor` of the console: it has no session and no pages.
 */
export type ApiClientActor = {
  kind: "apiClient";
  credential: { id: number; name: string; role: Role; designatedAll: boolean };
  partner: PartnerSummary;
  scope: CustomerScope;
};

/** Who acts for a partner: one of its users, or one of its API credentials. */
export type PartnerSideActor = PartnerActor | ApiClientActor;

/** The role a partner-side actor acts with. */
export function roleOf(actor: PartnerSideActor): Role {
  return actor.kind === "apiClient" ? actor.credential.role : actor.user.role;
}

/** What an activity row records of who acted: the user, or the API credential. */
export function activityActorOf(actor: PartnerSideActor): { actorUserId: number | null; actorCredentialId: number | null } {
  return actor.kind === "apiClient"
    ? { actorUserId: null, actorCredentialId: actor.credential.id }
    : { actorUserId: actor.user.id, actorCredentialId: null };
}

/** Roles that always see every customer of their partner, whatever their designation. */
export function seesAllCustomers(role: Role, designatedAll: boolean): boolean {
  return role === "super_admin" || designatedAll;
}
