/**
 * A partner's users as its Super Admins manage them (issue 20, "Your team"):
 * the Users page's list, a user's details, invitations, role and customer
 * access, deactivation and a second factor's reset. Every function takes the
 * actor and reads only its partner's partner users: another partner's user,
 * or a customer admin, is simply not found. Every change asks the user
 * policy (app/domain/user-policy.ts) inside its transaction and writes its
 * activity row (and its mail) in the same transaction.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { getDb, schema, writeTransaction, type Tx } from "~/db.server";
import type { PartnerActor } from "~/domain/actor";
import {
  INVITATION_LIFETIME_MS,
  accessForRole,
  decideUserChange,
  type CustomerAccess,
  type TeamFacts,
  type TeamMemberFacts,
  type UserChange,
  type UserRefusal,
} from "~/domain/user-policy";
import { now as clockNow } from "~/utils/clock";
import type { Role, UserStatus } from "../../lib/enums";
import { shownName } from "../../lib/text";
import { recordActivity } from "./activities.server";
import { enqueueMail, supersedeWaitingMail, type MailLocale } from "./mail-outbox.server";
import { endSessionsOfUser } from "./users.server";
import type { NotFound } from "./outcomes.server";

const u = schema.users;

/** Rows a page of the Users page shows. */
export const TEAM_PAGE_SIZE = 25;

export type UserRefused = { status: "refused"; reason: UserRefusal };
/** The chosen groups or customers are not all the partner's (a forged form), or none was chosen. */
export type InvalidAccess = { status: "invalidAccess" };

/** "All customers", or how many groups and single customers a user is given. */
export type AccessSummary = { all: true } | { all: false; groups: number; customers: number };

export type TeamRow = {
  id: number;
  name: string;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  status: UserStatus;
  /** An invited user's open invitation's expiry; null when none is open (expired ones show as expired). */
  invitationExpiresAt: number | null;
  access: AccessSummary;
  secondFactor: boolean;
  lastSignInAt: number | null;
};

const ofPartner = (partnerId: number) => and(eq(u.partnerId, partnerId), eq(u.kind, "partner"));

const rowColumns = {
  id: u.id,
  name: u.name,
  firstName: u.firstName,
  lastName: u.lastName,
  email: u.email,
  role: u.role,
  status: u.status,
  designatedAll: u.designatedAll,
  lastSignInAt: u.lastSignInAt,
  invitationExpiresAt: sql<number | null>`(select max(i.expires_at) from invitations i
    where i.user_id = users.id and i.spent_at is null and i.revoked_at is null)`,
  groupCount: sql<number>`(select count(*) from user_designated_groups g where g.user_id = users.id)`,
  customerCount: sql<number>`(select count(*) from user_designated_customers c where c.user_id = users.id)`,
  secondFactor: sql<number>`exists (select 1 from second_factors f where f.user_id = users.id and f.enabled_at is not null)`,
};

type RawRow = {
  id: number;
  name: string;
  firstName: string;
  lastName: string;
  email: string;
  role: Role | null;
  status: UserStatus;
  designatedAll: boolean;
  lastSignInAt: number | null;
  invitationExpiresAt: number | null;
  groupCount: number;
  customerCount: number;
  secondFactor: number;
};

function toRow(raw: RawRow): TeamRow {
  const role = raw.role ?? "read_only";
  return {
    id: raw.id,
    name: raw.name,
    firstName: raw.firstName,
    lastName: raw.lastName,
    email: raw.email,
    role,
    status: raw.status,
    invitationExpiresAt: raw.invitationExpiresAt,
    access:
      role === "super_admin" || raw.designatedAll
        ? { all: true }
        : { all: false, groups: raw.groupCount, customers: raw.customerCount },
    secondFactor: Boolean(raw.secondFactor),
    lastSignInAt: raw.lastSignInAt,
  };
}

export type TeamPage = { rows: TeamRow[]; total: number; page: number; pageCount: number };

/**
 * The Users page: the partner's users by name, searched by any part of the
 * name or email (case ignored), filtered by role and status, a page at a
 * time (a page past the last shows the last).
 */
export function listTeam({
  actor,
  search = "",
  role,
  status,
  page = 1,
}: {
  actor: PartnerActor;
  search?: string;
  role?: Role;
  status?: UserStatus;
  page?: number;
}): TeamPage {
  const db = getDb();
  const needle = search.trim().toLowerCase();
  const where = and(
    ofPartner(actor.partner.id),
    role ? eq(u.role, role) : undefined,
    status ? eq(u.status, status) : undefined,
    // instr, not LIKE: what is typed needs no escaping (a % or _ is itself).
    needle ? sql`(instr(lower(${u.name}), ${needle}) > 0 or instr(${u.email}, ${needle}) > 0)` : undefined,
  );
  const total = db.select({ n: sql<number>`count(*)` }).from(u).where(where).get()!.n;
  const pageCount = Math.max(1, Math.ceil(total / TEAM_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = db
    .select(rowColumns)
    .from(u)
    .where(where)
    .orderBy(sql`${u.name} collate nocase`, asc(u.id))
    .limit(TEAM_PAGE_SIZE)
    .offset((current - 1) * TEAM_PAGE_SIZE)
    .all() as RawRow[];
  return { rows: rows.map(toRow), total, page: current, pageCount };
}

export type TeamMemberDetails = TeamRow & {
  invitedBy: { id: number; name: string } | null;
  invitedAt: number | null;
  deactivatedAt: number | null;
  /** The chosen groups and single customers (empty for "All customers"). */
  groups: { id: number; name: string }[];
  customers: { id: number; name: string }[];
  /** A Super Admin reset the second factor: a new one is set up at the next sign-in. */
  secondFactorSetupRequired: boolean;
  /** What the user policy needs to answer for this user's buttons (decideUserChange). */
  facts: TeamMemberFacts;
  team: TeamFacts;
};

/** One of the partner's users with everything the User details page shows, or undefined (a 404). */
export function getTeamMember({ actor, userId }: { actor: PartnerActor; userId: number }): TeamMemberDetails | undefined {
  const db = getDb();
  const raw = db
    .select({
      ...rowColumns,
      invitedAt: u.invitedAt,
      deactivatedAt: u.deactivatedAt,
      invitedByUserId: u.invitedByUserId,
      secondFactorSetupRequired: u.secondFactorSetupRequired,
    })
    .from(u)
    .where(and(ofPartner(actor.partner.id), eq(u.id, userId)))
    .get();
  if (!raw) return undefined;
  const row = toRow(raw as RawRow);
  const inviter = raw.invitedByUserId
    ? db.select({ id: u.id, name: u.name }).from(u).where(eq(u.id, raw.invitedByUserId)).get() ?? null
    : null;
  const access = readAccess(db, userId);
  return {
    ...row,
    invitedBy: inviter,
    invitedAt: raw.invitedAt,
    deactivatedAt: raw.deactivatedAt,
    groups: access.groups,
    customers: access.customers,
    secondFactorSetupRequired: raw.secondFactorSetupRequired,
    facts: { id: row.id, role: row.role, status: row.status, hasSecondFactor: row.secondFactor },
    team: teamFacts(db, actor.partner.id),
  };
}

type Reader = Tx | ReturnType<typeof getDb>;

function readAccess(db: Reader, userId: number) {
  const groups = db
    .select({ id: schema.groups.id, name: schema.groups.name })
    .from(schema.userDesignatedGroups)
    .innerJoin(schema.groups, eq(schema.groups.id, schema.userDesignatedGroups.groupId))
    .where(eq(schema.userDesignatedGroups.userId, userId))
    .orderBy(sql`${schema.groups.name} collate nocase`)
    .all();
  const customers = db
    .select({ id: schema.customers.id, displayName: schema.customers.displayName, legalName: schema.customers.legalName })
    .from(schema.userDesignatedCustomers)
    .innerJoin(schema.customers, eq(schema.customers.id, schema.userDesignatedCustomers.customerId))
    .where(eq(schema.userDesignatedCustomers.userId, userId))
    .orderBy(asc(schema.customers.sortName))
    .all()
    .map((customer) => ({ id: customer.id, name: shownName(customer) }));
  return { groups, customers };
}

function teamFacts(db: Reader, partnerId: number): TeamFacts {
  const n = db
    .select({ n: sql<number>`count(*)` })
    .from(u)
    .where(and(ofPartner(partnerId), eq(u.role, "super_admin"), eq(u.status, "active")))
    .get()!.n;
  return { activeSuperAdmins: n };
}

type Target = TeamMemberFacts & { name: string; email: string; designatedAll: boolean };

/** The partner's user with the facts the policy needs, read inside the transaction. */
function readTarget(tx: Tx, partnerId: number, userId: number): Target | undefined {
  const row = tx
    .select({
      id: u.id,
      role: u.role,
      status: u.status,
      name: u.name,
      email: u.email,
      designatedAll: u.designatedAll,
      hasSecondFactor: rowColumns.secondFactor,
    })
    .from(u)
    .where(and(ofPartner(partnerId), eq(u.id, userId)))
    .get();
  if (!row || !row.role) return undefined;
  return { ...row, role: row.role, hasSecondFactor: Boolean(row.hasSecondFactor) };
}

/** Reads the target and asks the policy; the outcome when it is not found or refused, else the target. */
function checked(
  tx: Tx,
  actor: PartnerActor,
  userId: number,
  change: UserChange,
  facts: (target: Target) => TeamMemberFacts = (target) => target,
): Target | NotFound | UserRefused {
  const target = readTarget(tx, actor.partner.id, userId);
  if (!target) return { status: "not_found" };
  const decision = decideUserChange(actor.user.id, facts(target), change, teamFacts(tx, actor.partner.id));
  return decision.allowed ? target : { status: "refused", reason: decision.reason };
}

// Not `"status" in value`: a Target has a status too (the user's).
const isOutcome = (value: Target | NotFound | UserRefused): value is NotFound | UserRefused => !("email" in value);

/** What a change to a team member answers: done, or why not. */
export type TeamChangeOutcome = { status: "done" } | NotFound | UserRefused;

/**
 * A change to one user of the actor's partner, in one transaction (the
 * team's guarded write, like models/guarded-write.server.ts for customers):
 * the user read and the change judged by the user policy (`checked`), the
 * activity row naming who made it and whom it is about, then the change.
 * The row comes first so that a change removing the user (Cancel
 * invitation) still names them; `subjectUserId` is then set to null.
 */
function changeTeamMember(
  { actor, userId, now }: { actor: PartnerActor; userId: number; now: number },
  change: UserChange,
  entry: (target: Target) => { kind: string; before?: Record<string, unknown>; after?: Record<string, unknown> },
  write: (tx: Tx, target: Target) => void,
): TeamChangeOutcome {
  return writeTransaction((tx): TeamChangeOutcome => {
    const target = checked(tx, actor, userId, change);
    if (isOutcome(target)) return target;
    recordActivity(tx, {
      partnerId: actor.partner.id,
      customerId: null,
      actorUserId: actor.user.id,
      subjectUserId: userId,
      at: now,
      ...entry(target),
    });
    write(tx, target);
    return { status: "done" };
  });
}

/** Whether every chosen group and customer is the partner's (customers not unlinked): a user's access or an API credential's. */
export function accessBelongsToPartner(tx: Tx, partnerId: number, access: CustomerAccess): boolean {
  if (access.all) return true;
  const groups = access.groupIds.length
    ? tx
        .select({ n: sql<number>`count(*)` })
        .from(schema.groups)
        .where(and(eq(schema.groups.partnerId, partnerId), inArray(schema.groups.id, access.groupIds)))
        .get()!.n
    : 0;
  const customers = access.customerIds.length
    ? tx
        .select({ n: sql<number>`count(*)` })
        .from(schema.customers)
        .where(
          and(
            eq(schema.customers.partnerId, partnerId),
            sql`${schema.customers.linkState} != 'unlinked'`,
            inArray(schema.customers.id, access.customerIds),
          ),
        )
        .get()!.n
    : 0;
  return groups === access.groupIds.length && customers === access.customerIds.length;
}

/** The access a role and a choice come to, checked against the partner; null when invalid. */
function resolveAccess(tx: Tx, partnerId: number, role: Role, chosen: CustomerAccess): CustomerAccess | null {
  const resolved = accessForRole(role, chosen);
  if (!resolved.ok || !accessBelongsToPartner(tx, partnerId, resolved.access)) return null;
  return resolved.access;
}

function writeAccess(tx: Tx, userId: number, access: CustomerAccess): void {
  tx.delete(schema.userDesignatedGroups).where(eq(schema.userDesignatedGroups.userId, userId)).run();
  tx.delete(schema.userDesignatedCustomers).where(eq(schema.userDesignatedCustomers.userId, userId)).run();
  tx.update(u).set({ designatedAll: access.all }).where(eq(u.id, userId)).run();
  if (access.all) return;
  if (access.groupIds.length) {
    tx.insert(schema.userDesignatedGroups).values(access.groupIds.map((groupId) => ({ userId, groupId }))).run();
  }
  if (access.customerIds.length) {
    tx.insert(schema.userDesignatedCustomers).values(access.customerIds.map((customerId) => ({ userId, customerId }))).run();
  }
}

/** A user's access as the activity log records it: "all", or the names of the groups and customers. */
function accessRecord(tx: Tx, userId: number, all: boolean): Record<string, string> {
  if (all) return { customerAccess: "all" };
  const { groups, customers } = readAccess(tx, userId);
  return {
    customerAccess: "chosen",
    groups: groups.map((group) => group.name).join(", "),
    customers: customers.map((customer) => customer.name).join(", "),
  };
}

/** Who a change is about, in the activity row (kept there when the user is gone). */
const whom = (target: { name: string; email: string }) => ({ user: `${target.name} <${target.email}>` });

/** Writes an open invitation and queues its mail, inside the caller's transaction. */
function openInvitation(
  tx: Tx,
  { actor, userId, inviteeName, to, locale, now }: { actor: PartnerActor; userId: number; inviteeName: string; to: string; locale: MailLocale; now: number },
): number {
  const expiresAt = now + INVITATION_LIFETIME_MS;
  const invitationId = tx
    .insert(schema.invitations)
    .values({ userId, partnerId: actor.partner.id, invitedByUserId: actor.user.id, createdAt: now, expiresAt })
    .returning({ id: schema.invitations.id })
    .get().id;
  enqueueMail(tx, {
    kind: "invitation",
    payload: { invitationId, inviteeName, inviterName: actor.user.name, partnerName: actor.partner.name, expiresAt },
    partnerId: actor.partner.id,
    userId,
    to,
    locale,
    at: now,
  });
  return invitationId;
}

/** "First last", the name every page shows. */
export function fullName(firstName: string, lastName: string): string {
  return [firstName.trim(), lastName.trim()].filter(Boolean).join(" ");
}

export type InviteOutcome = { status: "invited"; userId: number } | { status: "emailTaken" } | InvalidAccess;

/**
 * "Add user": creates the user as invited, with its role and customer
 * access, an invitation valid 7 days and its mail (in `locale`, the
 * inviter's language), and the activity row, in one transaction. An email
 * any user has already (a partner user of any partner, or a customer admin)
 * is refused.
 */
export function inviteUser({
  actor,
  firstName,
  lastName,
  email,
  role,
  access,
  locale,
  now = clockNow(),
}: {
  actor: PartnerActor;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  access: CustomerAccess;
  locale: MailLocale;
  now?: number;
}): InviteOutcome {
  const address = email.trim().toLowerCase();
  const name = fullName(firstName, lastName);
  return writeTransaction((tx): InviteOutcome => {
    if (tx.select({ id: u.id }).from(u).where(eq(u.email, address)).get()) return { status: "emailTaken" };
    const resolved = resolveAccess(tx, actor.partner.id, role, access);
    if (!resolved) return { status: "invalidAccess" };
    const userId = tx
      .insert(u)
      .values({
        email: address,
        name,
        firstName: firstName.trim(),
        lastName: lastName.trim(),
        // No password until the invitation is accepted: an empty hash never verifies.
        passwordHash: "",
        kind: "partner",
        partnerId: actor.partner.id,
        role,
        status: "invited",
        invitedByUserId: actor.user.id,
        invitedAt: now,
        createdAt: now,
      })
      .returning({ id: u.id })
      .get().id;
    writeAccess(tx, userId, resolved);
    openInvitation(tx, { actor, userId, inviteeName: name, to: address, locale, now });
    recordActivity(tx, {
      partnerId: actor.partner.id,
      customerId: null,
      actorUserId: actor.user.id,
      subjectUserId: userId,
      kind: "user.invited",
      after: { ...whom({ name, email: address }), role, ...accessRecord(tx, userId, resolved.all) },
      at: now,
    });
    return { status: "invited", userId };
  });
}

export type InvitationChangeOutcome = TeamChangeOutcome;

/** "Resend invitation": a new link valid 7 days; the old one stops working, and its mail, if still waiting, is not sent. */
export function resendInvitation({
  actor,
  userId,
  locale,
  now = clockNow(),
}: {
  actor: PartnerActor;
  userId: number;
  locale: MailLocale;
  now?: number;
}): InvitationChangeOutcome {
  return changeTeamMember(
    { actor, userId, now },
    { kind: "resendInvitation" },
    (target) => ({ kind: "user.invitationResent", after: whom(target) }),
    (tx, target) => {
      revokeOpenInvitations(tx, userId, now);
      supersedeWaitingMail(tx, { userId, kind: "invitation" });
      openInvitation(tx, { actor, userId, inviteeName: target.name, to: target.email, locale, now });
    },
  );
}

function revokeOpenInvitations(tx: Tx, userId: number, now: number): void {
  tx.update(schema.invitations)
    .set({ revokedAt: now })
    .where(and(eq(schema.invitations.userId, userId), sql`spent_at is null and revoked_at is null`))
    .run();
}

/**
 * "Cancel invitation": the invited user is removed (its email is free to be
 * invited again), its link stops working and its mail, if still waiting, is
 * not sent; the activity row keeps its name and email.
 */
export function cancelInvitation({ actor, userId, now = clockNow() }: { actor: PartnerActor; userId: number; now?: number }): InvitationChangeOutcome {
  return changeTeamMember(
    { actor, userId, now },
    { kind: "cancelInvitation" },
    (target) => ({ kind: "user.invitationCancelled", before: whom(target) }),
    (tx) => {
      supersedeWaitingMail(tx, { userId, kind: "invitation" });
      tx.delete(u).where(eq(u.id, userId)).run();
    },
  );
}

export type UpdateMemberOutcome =
  | { status: "updated"; roleChanged: boolean; accessChanged: boolean }
  | NotFound
  | UserRefused
  | InvalidAccess;

/**
 * "User details": a new role and customer access (a Super Admin always has
 * all customers). In effect at that user's next request: the guard reads
 * both afresh every time. The last active Super Admin keeps its role.
 */
export function updateTeamMember({
  actor,
  userId,
  role,
  access,
  now = clockNow(),
}: {
  actor: PartnerActor;
  userId: number;
  role: Role;
  access: CustomerAccess;
  now?: number;
}): UpdateMemberOutcome {
  return writeTransaction((tx): UpdateMemberOutcome => {
    const target = checked(tx, actor, userId, { kind: "changeRole", role });
    if (isOutcome(target)) return target;
    if (role !== "super_admin") {
      // Access is judged for the role the user is given.
      const access = checked(tx, actor, userId, { kind: "changeAccess" }, (t) => ({ ...t, role }));
      if (isOutcome(access)) return access;
    }
    const resolved = resolveAccess(tx, actor.partner.id, role, access);
    if (!resolved) return { status: "invalidAccess" };
    const roleChanged = role !== target.role;
    const accessBefore = accessRecord(tx, userId, target.role === "super_admin" || target.designatedAll);
    if (roleChanged) tx.update(u).set({ role }).where(eq(u.id, userId)).run();
    writeAccess(tx, userId, resolved);
    const accessAfter = accessRecord(tx, userId, resolved.all);
    const accessChanged = JSON.stringify(accessBefore) !== JSON.stringify(accessAfter);
    const entry = { partnerId: actor.partner.id, customerId: null, actorUserId: actor.user.id, subjectUserId: userId, at: now };
    if (roleChanged) {
      recordActivity(tx, { ...entry, kind: "user.roleChanged", before: { ...whom(target), role: target.role }, after: { role } });
    }
    if (accessChanged) {
      recordActivity(tx, { ...entry, kind: "user.accessChanged", before: { ...whom(target), ...accessBefore }, after: accessAfter });
    }
    return { status: "updated", roleChanged, accessChanged };
  });
}

export type StatusChangeOutcome = TeamChangeOutcome;

/**
 * "Deactivate user": it cannot sign in, and every session of it ends at
 * once; its activity stays. Not the partner's last active Super Admin, and
 * not oneself.
 */
export function deactivateUser({ actor, userId, now = clockNow() }: { actor: PartnerActor; userId: number; now?: number }): StatusChangeOutcome {
  return changeTeamMember(
    { actor, userId, now },
    { kind: "deactivate" },
    (target) => ({ kind: "user.deactivated", before: { ...whom(target), status: "active" }, after: { status: "deactivated" } }),
    (tx) => {
      tx.update(u).set({ status: "deactivated", deactivatedAt: now }).where(eq(u.id, userId)).run();
      endSessionsOfUser(tx, userId);
    },
  );
}

/** "Reactivate user": it can sign in again with its password. */
export function reactivateUser({ actor, userId, now = clockNow() }: { actor: PartnerActor; userId: number; now?: number }): StatusChangeOutcome {
  return changeTeamMember(
    { actor, userId, now },
    { kind: "reactivate" },
    (target) => ({ kind: "user.reactivated", before: { ...whom(target), status: "deactivated" }, after: { status: "active" } }),
    (tx) => tx.update(u).set({ status: "active", deactivatedAt: null }).where(eq(u.id, userId)).run(),
  );
}

/**
 * "Reset second factor": the second factor and its recovery codes are
 * deleted, every session of the user ends, and a new second factor must be
 * set up at its next sign-in, before anything else.
 */
export function resetUserSecondFactor({ actor, userId, now = clockNow() }: { actor: PartnerActor; userId: number; now?: number }): StatusChangeOutcome {
  return changeTeamMember(
    { actor, userId, now },
    { kind: "resetSecondFactor" },
    (target) => ({ kind: "user.secondFactorReset", before: whom(target) }),
    (tx) => {
      tx.delete(schema.secondFactors).where(eq(schema.secondFactors.userId, userId)).run();
      tx.delete(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, userId)).run();
      tx.update(u).set({ secondFactorSetupRequired: true }).where(eq(u.id, userId)).run();
      endSessionsOfUser(tx, userId);
    },
  );
}

/**
 * The partner setting "Require a second factor for every user": users
 * without one are sent to set it up at their next request (the guard reads
 * it afresh). Returns whether it changed.
 */
export function setSecondFactorRequired({
  actor,
  required,
  now = clockNow(),
}: {
  actor: PartnerActor;
  required: boolean;
  now?: number;
}): boolean {
  return writeTransaction((tx) => {
    const changed = tx
      .update(schema.partners)
      .set({ requireSecondFactor: required })
      .where(and(eq(schema.partners.id, actor.partner.id), sql`${schema.partners.requireSecondFactor} != ${required ? 1 : 0}`))
      .run().changes;
    if (changed === 0) return false;
    recordActivity(tx, {
      partnerId: actor.partner.id,
      customerId: null,
      actorUserId: actor.user.id,
      kind: "partner.secondFactorRequirement",
      before: { requireSecondFactor: !required },
      after: { requireSecondFactor: required },
      at: now,
    });
    return true;
  });
}

/** Whether the partner requires a second factor of every user (the setting's page). */
export function isSecondFactorRequired({ partnerId }: { partnerId: number }): boolean {
  return (
    getDb().select({ r: schema.partners.requireSecondFactor }).from(schema.partners).where(eq(schema.partners.id, partnerId)).get()?.r ??
    false
  );
}
