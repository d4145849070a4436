/**
 * Changes to one customer. Each is a guarded write (guarded-write.server.ts):
 * one transaction that reads the customer through the actor's scope, asks
 * the customer policy with the facts it just read, and writes the change with
 * its activity record, or nothing. A refusal is an outcome, not an
 * exception: the route turns it into a 403 page that names the reason.
 */
import { and, eq, sql } from "drizzle-orm";
import { schema } from "~/db.server";
import { customerSearchText, customerSortName, shownName } from "../../lib/text";
import type { CustomerAction } from "~/domain/customer-policy";
import { now as clockNow } from "~/utils/clock";
import { customerScopeCondition } from "./scope.server";
import { shownCustomerName } from "./customer-details.server";
import { enqueueAccountUpsert } from "./crm-outbox.server";
import { guardedCustomerWrite, type CustomerCommand } from "./guarded-write.server";
import type { NotFound, Refused } from "./outcomes.server";

const c = schema.customers;

export type { Refused };

export type RenameOutcome =
  | { status: "renamed"; name: string }
  | { status: "unchanged"; name: string }
  | { status: "conflict"; current: { name: string; displayName: string; version: number } }
  | NotFound
  | Refused;

/**
 * Changes a customer's "Name shown as" (F4), if the policy allows it (not a
 * managed customer order, F10) and nobody changed the customer since
 * `expectedVersion` was read. In one transaction: the new name and its sort
 * and search keys, a version bump, the activity record, and the CRM outbox
 * row that tells Salesforce (F15). Never throws for a stale version: it
 * reports the conflict with the current name, and writes nothing.
 */
export function renameCustomer({
  actor,
  customerId,
  displayName,
  expectedVersion,
  now = clockNow(),
}: CustomerCommand & {
  displayName: string;
  expectedVersion: number;
}): RenameOutcome {
  return guardedCustomerWrite({ actor, customerId, now, action: { kind: "rename" } }, ({ tx, record }): RenameOutcome => {
    const current = tx
      .select({
        displayName: c.displayName,
        legalName: c.legalName,
        contactEmail: c.contactEmail,
        version: c.version,
      })
      .from(c)
      .where(and(eq(c.id, customerId), customerScopeCondition(actor.scope)))
      .get()!;
    if (current.version !== expectedVersion) {
      return {
        status: "conflict",
        current: { name: shownName(current), displayName: current.displayName, version: current.version },
      };
    }
    // Saving the name already shown (the form shows the legal name when no
    // display name is set) changes nothing and tells Salesforce nothing.
    if (shownName(current) === displayName) return { status: "unchanged", name: displayName };
    const names = { displayName, legalName: current.legalName, contactEmail: current.contactEmail };
    const updated = tx
      .update(c)
      .set({
        displayName,
        sortName: customerSortName(names),
        searchText: customerSearchText(names),
        version: sql`${c.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(c.id, customerId), eq(c.version, expectedVersion)))
      .run();
    // Another writer between our read and write (not possible with one
    // SQLite writer, but cheap to be sure of).
    if (updated.changes !== 1) tx.rollback();
    record({ kind: "customer.rename", before: { displayName: current.displayName }, after: { displayName } });
    enqueueAccountUpsert(tx, { customerId, name: shownName(names), at: now });
    return { status: "renamed", name: displayName };
  });
}

export type GroupMembershipOutcome =
  | { status: "added" | "removed"; customerName: string; groupName: string }
  | { status: "already_member" | "not_member"; customerName: string; groupName: string }
  | { status: "group_not_found" }
  | NotFound
  | Refused;

/**
 * Adds a customer to one of the partner's groups (F5), or removes it. A
 * group of another partner is not found; adding twice or removing a customer
 * that is not in the group writes nothing and says so.
 */
export function changeCustomerGroup({
  actor,
  customerId,
  groupId,
  change,
  now = clockNow(),
}: CustomerCommand & {
  groupId: number;
  change: "add" | "remove";
}): GroupMembershipOutcome {
  return guardedCustomerWrite({ actor, customerId, now, action: { kind: "changeGroups" } }, ({ tx, record }): GroupMembershipOutcome => {
    const g = schema.groups;
    const group = tx
      .select({ id: g.id, name: g.name })
      .from(g)
      .where(and(eq(g.id, groupId), eq(g.partnerId, actor.partner.id)))
      .get();
    if (!group) return { status: "group_not_found" };
    const customerName = shownCustomerName(tx, customerId);
    const cg = schema.customerGroups;
    const names = { customerName, groupName: group.name };
    if (change === "add") {
      const inserted = tx.insert(cg).values({ customerId, groupId }).onConflictDoNothing().run();
      if (inserted.changes === 0) return { status: "already_member", ...names };
    } else {
      const deleted = tx.delete(cg).where(and(eq(cg.customerId, customerId), eq(cg.groupId, groupId))).run();
      if (deleted.changes === 0) return { status: "not_member", ...names };
    }
    record({
      kind: change === "add" ? "customer.group.add" : "customer.group.remove",
      before: change === "add" ? null : { group: group.name },
      after: change === "add" ? { group: group.name } : null,
    });
    return { status: change === "add" ? "added" : "removed", ...names };
  });
}

export type EnrolmentOutcome =
  | { status: "joined" | "left"; customerName: string; programName: string }
  | { status: "program_not_found" }
  | NotFound
  | (Refused & { programName: string });

/**
 * Enrols a customer in an early access program (F11), or takes it out, as
 * the policy allows: a customer holding Flex licenses cannot join a program
 * that does not accept them, and joining twice or leaving a program it is not
 * in is refused with that reason (the refusal names the program).
 */
export function changeEnrolment({
  actor,
  customerId,
  programId,
  change,
  now = clockNow(),
}: CustomerCommand & {
  programId: number;
  change: "join" | "leave";
}): EnrolmentOutcome {
  const p = schema.earlyAccessPrograms;
  const e = schema.programEnrolments;
  let program: { id: number; name: string; acceptsFlex: boolean; enrolledAt: number | null } | undefined;
  const outcome = guardedCustomerWrite(
    {
      actor,
      customerId,
      now,
      // The question names the program and whether the customer is in it: read first.
      action: (tx): CustomerAction | { status: "program_not_found" } => {
        program = tx
          .select({ id: p.id, name: p.name, acceptsFlex: p.acceptsFlex, enrolledAt: e.enrolledAt })
          .from(p)
          .leftJoin(e, and(eq(e.programId, p.id), eq(e.customerId, customerId)))
          .where(eq(p.id, programId))
          .get();
        if (!program) return { status: "program_not_found" as const };
        const facts = { acceptsFlex: program.acceptsFlex, enrolled: program.enrolledAt !== null };
        return { kind: change === "join" ? "joinProgram" : "leaveProgram", program: facts };
      },
    },
    ({ tx, record }) => {
      const programName = program!.name;
      if (change === "join") {
        tx.insert(e).values({ programId, customerId, enrolledByUserId: actor.user.id, enrolledAt: now }).run();
      } else {
        tx.delete(e).where(and(eq(e.programId, programId), eq(e.customerId, customerId))).run();
      }
      record({
        kind: change === "join" ? "customer.program.join" : "customer.program.leave",
        before: change === "join" ? null : { program: programName },
        after: change === "join" ? { program: programName } : null,
      });
      const status = change === "join" ? ("joined" as const) : ("left" as const);
      return { status, customerName: shownCustomerName(tx, customerId), programName };
    },
  );
  return outcome.status === "refused" ? { ...outcome, programName: program!.name } : outcome;
}
