/**
 * The pieces of the pages that act on several chosen customers (update
 * billing type, unlink): each customer's name, titled lists of them, the
 * page for an empty choice.
 */
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useT } from "~/utils/i18n-hooks";

/** A customer still in the list links to its details (where a scheduled unlink is cancelled); one that left it is only named. */
export function CustomerName({ customer }: { customer: { id: number; name: string; inList: boolean } }) {
  return customer.inList ? (
    <Link to={`/customers/${customer.id}`} className="font-semibold">
      {customer.name}
    </Link>
  ) : (
    <span className="font-semibold">{customer.name}</span>
  );
}

/** A titled list of customers. */
export function CustomerSection({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-6">
      <h2 id={id} className="mb-2 text-xl font-bold">
        {heading}
      </h2>
      <ul className="list-disc space-y-1 pl-6">{children}</ul>
    </section>
  );
}

/** Nothing chosen, or nothing chosen that is in the user's list. */
export function NothingChosen({ reason }: { reason: "empty" | "notInList" }) {
  const t = useT();
  return (
    <div className="max-w-2xl">
      <h1 className="mb-4 text-3xl font-bold">{t("accountChanges.none.heading")}</h1>
      <p className="mb-6">{t(reason === "empty" ? "accountChanges.none.body" : "accountChanges.notInList")}</p>
      <p>
        <Link to="/customers">{t("accountChanges.backToList")}</Link>
      </p>
    </div>
  );
}
