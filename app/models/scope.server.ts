import { sql, type SQL } from "drizzle-orm";
import type { CustomerScope } from "~/domain/actor";

export type { CustomerScope };

/** A condition as fixed SQL text and its `?` parameters, for prepared statements (db.server.ts `prepared`). */
export type RawCondition = { text: string; params: (string | number)[] };

/**
 * The condition on `customers` for a scope, written once: the user's
 * partner, and for a designated user, its single customers and the customers
 * of its groups; for a customer's own console, that one customer. Unlinked
 * customers are left out too: they exist only for the activity log.
 *
 * It is plain SQL on the table named `customers` (unaliased), so the hot
 * queries compiled once can use it as it is (docs/decisions/0017-prepared-queries.md);
 * its text depends only on the kind of scope, never on a value. Drizzle
 * queries take the same condition through `customerScopeCondition`.
 */
export function customerScopeSql(scope: CustomerScope, { partnerIndex = true } = {}): RawCondition {
  // `partnerIndex: false` writes the partner term as `+customers.partner_id`,
  // SQLite's way of keeping a term off the indexes (its query planner's
  // documentation, "Disqualifying WHERE clause terms using unary-+"): for a
  // query that has a far narrower way in, such as a search's full-text
  // matches, where the partner's indexes would walk all its customers.
  // 'unlinked' stays a literal, not a parameter: the list's indexes are
  // partial on exactly this term (db/schema.ts), and SQLite uses a partial
  // index only when the query holds its term as written.
  let text = `${partnerIndex ? "" : "+"}customers.partner_id = ? and customers.link_state != 'unlinked'`;
  const params: (string | number)[] = [scope.partnerId];
  if (scope.customerId !== undefined) {
    text += " and customers.id = ?";
    params.push(scope.customerId);
  }
  if (!scope.all && scope.credentialId !== undefined) {
    text +=
      " and (customers.id in (select customer_id from api_credential_customers where credential_id = ?)" +
      " or customers.id in (select cg.customer_id from customer_groups cg" +
      " join api_credential_groups ag on ag.group_id = cg.group_id where ag.credential_id = ?))";
    params.push(scope.credentialId, scope.credentialId);
  } else if (!scope.all) {
    text +=
      " and (customers.id in (select customer_id from user_designated_customers where user_id = ?)" +
      " or customers.id in (select cg.customer_id from customer_groups cg" +
      " join user_designated_groups ug on ug.group_id = cg.group_id where ug.user_id = ?))";
    params.push(scope.userId, scope.userId);
  }
  return { text, params };
}

/** The same condition for a Drizzle query whose `customers` table is not aliased. */
export function customerScopeCondition(scope: CustomerScope): SQL {
  const { text, params } = customerScopeSql(scope);
  const chunks: SQL[] = [];
  text.split("?").forEach((part, index) => {
    chunks.push(sql.raw(part));
    if (index < params.length) chunks.push(sql`${params[index]}`);
  });
  return sql`(${sql.join(chunks)})`;
}
