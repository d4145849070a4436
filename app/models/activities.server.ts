import { schema, type Tx } from "~/db.server";

/**
 * Records a change or a launch (F16) inside the caller's transaction, so the
 * record exists exactly when the change does.
 */
export function recordActivity(
  tx: Tx,
  entry: {
    partnerId: number;
    customerId: number | null;
    actorUserId: number | null;
    /** The Partner API credential that acted (issue 21), when the change came through the API. */
    actorCredentialId?: number | null;
    /** The user a change to a user is about (issue 20). */
    subjectUserId?: number | null;
    kind: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    at: number;
  },
): void {
  tx.insert(schema.activities)
    .values({
      partnerId: entry.partnerId,
      customerId: entry.customerId,
      actorUserId: entry.actorUserId,
      actorCredentialId: entry.actorCredentialId ?? null,
      subjectUserId: entry.subjectUserId ?? null,
      kind: entry.kind,
      before: entry.before ? JSON.stringify(entry.before) : null,
      after: entry.after ? JSON.stringify(entry.after) : null,
      createdAt: entry.at,
    })
    .run();
}

export type { Tx };
