import { asc, eq } from "drizzle-orm";
import { getDb, schema } from "~/db.server";

/**
 * The licenses of one customer, for its details page or Central Admin. The
 * caller has already found the customer through its scope.
 */
export function listLicensesOfCustomer({ customerId }: { customerId: number }) {
  const l = schema.licenses;
  return getDb()
    .select({
      id: l.id,
      product: l.product,
      category: l.category,
      type: l.type,
      quantity: l.quantity,
      usage: l.usage,
      startsAt: l.startsAt,
      endsAt: l.endsAt,
      revoked: l.revoked,
    })
    .from(l)
    .where(eq(l.customerId, customerId))
    .orderBy(asc(l.category), asc(l.endsAt))
    .all();
}
