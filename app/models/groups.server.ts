/**
 * A partner's groups (F6) and the group filter's options. Groups belong to
 * one partner: a group id of another partner is simply not found.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, prepared, schema, writeTransaction } from "~/db.server";
import type { PartnerActor } from "~/domain/actor";
import { now as clockNow } from "~/utils/clock";
import { customerScopeSql, type CustomerScope } from "./scope.server";
import { recordActivity, type Tx } from "./activities.server";

const g = schema.groups;

/**
 * The groups the user may filter by: all of the partner's for a user who
 * sees every customer; for a designated user, only groups holding a customer
 * it can see (the names of others are not theirs to read).
 */
export function listGroupOptions({ scope }: { scope: CustomerScope }): { id: number; name: string }[] {
  // Every list page asks: fixed SQL compiled once (db.server.ts, `prepared`).
  if (scope.all) return prepared(`${GROUP_OPTIONS} where groups.partner_id = ? ${GROUP_ORDER}`).all(scope.partnerId) as GroupOption[];
  const visible = customerScopeSql(scope);
  return prepared(
    `${GROUP_OPTIONS} where groups.partner_id = ? and exists (select 1 from customer_groups cg` +
      ` join customers on customers.id = cg.customer_id where cg.group_id = groups.id and ${visible.text}) ${GROUP_ORDER}`,
  ).all(scope.partnerId, ...visible.params) as GroupOption[];
}

type GroupOption = { id: number; name: string };
const GROUP_OPTIONS = "select groups.id as id, groups.name as name from groups";
const GROUP_ORDER = "order by groups.name collate nocase, groups.id";

/**
 * How many listed (not unlinked) customers a group holds. `groups.id` is
 * written out: in a select list drizzle renders ${g.id} as a bare "id", which
 * inside this subquery means customers.id, and every count came out wrong.
 */
const customerCount = sql<number>`(select count(*) from customer_groups cg
  join customers on customers.id = cg.customer_id
  where cg.group_id = groups.id and customers.link_state != 'unlinked')`;

export type GroupRow = { id: number; name: string; customerCount: number };

/** Every group of the partner with how many customers it holds, by name (the Groups page). */
export function listGroups({ partnerId }: { partnerId: number }): GroupRow[] {
  return getDb()
    .select({ id: g.id, name: g.name, customerCount })
    .from(g)
    .where(eq(g.partnerId, partnerId))
    .orderBy(sql`${g.name} collate nocase`, asc(g.id))
    .all();
}

/** One group of the partner, or undefined (a 404 for the caller). */
export function getGroup({
  partnerId,
  groupId,
}: {
  partnerId: number;
  groupId: number;
}): (GroupRow & { designatedUserCount: number }) | undefined {
  return getDb()
    .select({
      id: g.id,
      name: g.name,
      customerCount,
      // Users designated by this group lose those customers with it (the delete page says so).
      designatedUserCount: sql<number>`(select count(*) from user_designated_groups ug where ug.group_id = ${g.id})`,
    })
    .from(g)
    .where(and(eq(g.id, groupId), eq(g.partnerId, partnerId)))
    .get();
}

/** Whether the partner has another group of this name, regardless of case. */
function nameTaken(tx: Tx, partnerId: number, name: string, exceptId?: number): boolean {
  const wanted = name.toLocaleLowerCase();
  return tx
    .select({ id: g.id, name: g.name })
    .from(g)
    .where(eq(g.partnerId, partnerId))
    .all()
    .some((group) => group.id !== exceptId && group.name.toLocaleLowerCase() === wanted);
}

export type CreateGroupOutcome = { status: "created"; id: number; name: string } | { status: "duplicate" };

/** Creates a group (names unique per partner regardless of case), with its activity record. */
export function createGroup({ actor, name, now = clockNow() }: { actor: PartnerActor; name: string; now?: number }): CreateGroupOutcome {
  return writeTransaction((tx): CreateGroupOutcome => {
    if (nameTaken(tx, actor.partner.id, name)) return { status: "duplicate" };
    const { id } = tx.insert(g).values({ partnerId: actor.partner.id, name, createdAt: now }).returning({ id: g.id }).get();
    recordActivity(tx, {
      partnerId: actor.partner.id,
      customerId: null,
      actorUserId: actor.user.id,
      kind: "group.create",
      after: { group: name },
      at: now,
    });
    return { status: "created", id, name };
  });
}

export type RenameGroupOutcome =
  | { status: "renamed" | "unchanged"; name: string }
  | { status: "duplicate" }
  | { status: "not_found" };

/** Renames one of the partner's groups; another group's name (in any case) is refused. */
export function renameGroup({
  actor,
  groupId,
  name,
  now = clockNow(),
}: {
  actor: PartnerActor;
  groupId: number;
  name: string;
  now?: number;
}): RenameGroupOutcome {
  return writeTransaction((tx): RenameGroupOutcome => {
    const group = tx.select({ name: g.name }).from(g).where(and(eq(g.id, groupId), eq(g.partnerId, actor.partner.id))).get();
    if (!group) return { status: "not_found" };
    if (group.name === name) return { status: "unchanged", name };
    if (nameTaken(tx, actor.partner.id, name, groupId)) return { status: "duplicate" };
    tx.update(g).set({ name }).where(eq(g.id, groupId)).run();
    recordActivity(tx, {
      partnerId: actor.partner.id,
      customerId: null,
      actorUserId: actor.user.id,
      kind: "group.rename",
      before: { group: group.name },
      after: { group: name },
      at: now,
    });
    return { status: "renamed", name };
  });
}

export type DeleteGroupOutcome = { status: "deleted"; name: string; customerCount: number } | { status: "not_found" };

/**
 * Deletes one of the partner's groups. Its customers stay: only their
 * membership goes (and designations by this group, with it).
 */
export function deleteGroup({ actor, groupId, now = clockNow() }: { actor: PartnerActor; groupId: number; now?: number }): DeleteGroupOutcome {
  return writeTransaction((tx): DeleteGroupOutcome => {
    const group = tx
      .select({ name: g.name, customerCount })
      .from(g)
      .where(and(eq(g.id, groupId), eq(g.partnerId, actor.partner.id)))
      .get();
    if (!group) return { status: "not_found" };
    // customer_groups and user_designated_groups rows go by ON DELETE CASCADE.
    tx.delete(g).where(eq(g.id, groupId)).run();
    recordActivity(tx, {
      partnerId: actor.partner.id,
      customerId: null,
      actorUserId: actor.user.id,
      kind: "group.delete",
      before: { group: group.name, customers: group.customerCount },
      at: now,
    });
    return { status: "deleted", name: group.name, customerCount: group.customerCount };
  });
}
