/**
 * "Customer access" for a user or an API credential (issue 20, 21): "All
 * customers, now and in the future", or "Chosen groups and customers". The
 * groups are few: a checkbox each. The customers may be 20,000: a search
 * ("Find customers", "Search") lists a few matches with an "Add" button
 * each, and the chosen ones are listed with "Remove".
 *
 * It works without JavaScript: "Search", "Add" and "Remove" send the whole
 * form as a GET to `pickerAction` (the page's own address), so the choice so
 * far, and everything else typed in the form, comes back in the address and
 * the page shows it again (docs/decisions/0026-customer-access-picker.md).
 * The page's loader reads it with `readCustomerAccessDraft` and
 * `customerAccessPicker` (services/customer-access-picker.server.ts).
 *
 * Put it inside the page's own <Form method="post">, before any other
 * submit button of that form: "Search" is then the form's first submit
 * button, the one Enter in a text field presses, and Enter never removes a
 * customer nor saves by surprise.
 */
import { useEffect, useRef } from "react";
import { useLocation } from "react-router";
import type { CustomerAccessPickerData } from "~/schemas/customer-access";
import { ACCESS_FIELDS } from "~/schemas/customer-access";
import { useT } from "~/utils/i18n-hooks";

/** The id of the first option: the error summary links to it. */
export const ACCESS_FIELD_ID = "access-all";

export function CustomerAccessPicker({
  data,
  pickerAction,
  error,
  hint,
}: {
  data: CustomerAccessPickerData;
  /** Where "Search", "Add" and "Remove" send the form (as a GET): the page's own path. */
  pickerAction: string;
  /** The message at the field (none chosen, nothing chosen). */
  error?: string;
  /** A hint under the legend (e.g. that a Super Admin always has all customers). */
  hint?: string;
}) {
  const t = useT();
  useFocusAfterPicking();
  const errorId = "access-error";
  const hintId = "access-hint";
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  // The buttons that only bring the page back with the choice: a GET of the whole form.
  const pick = { type: "submit" as const, formMethod: "get", formAction: pickerAction, formNoValidate: true };
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-red-700 pl-3" : ""}`} id="customer-access">
      <input type="hidden" name={ACCESS_FIELDS.draft} value="1" />
      <fieldset aria-describedby={describedBy}>
        <legend className="label mb-1 text-lg">{t("users.access.label")}</legend>
        {hint ? (
          <span id={hintId} className="hint mb-1">
            {hint}
          </span>
        ) : null}
        {error ? (
          <span id={errorId} className="field-error mb-2">
            {error}
          </span>
        ) : null}
        <ul className="space-y-2">
          <li className="flex items-start gap-3">
            <input
              id={ACCESS_FIELD_ID}
              type="radio"
              name={ACCESS_FIELDS.access}
              value="all"
              defaultChecked={data.access === "all"}
              key={`all-${data.access}`}
              className="mt-0.5 h-6 w-6 shrink-0"
            />
            <label htmlFor={ACCESS_FIELD_ID} className="font-semibold">
              {t("users.access.all")}
            </label>
          </li>
          <li className="flex items-start gap-3">
            <input
              id="access-chosen"
              type="radio"
              name={ACCESS_FIELDS.access}
              value="chosen"
              defaultChecked={data.access === "chosen"}
              key={`chosen-${data.access}`}
              className="mt-0.5 h-6 w-6 shrink-0"
            />
            <label htmlFor="access-chosen" className="font-semibold">
              {t("users.access.chosen")}
            </label>
          </li>
        </ul>
      </fieldset>

      <div className="mt-4 border-l-4 border-slate-300 pl-4">
        <p className="mb-3">{t("picker.chosenIntro")}</p>
        <fieldset className="mb-4">
          <legend className="label mb-1">{t("picker.groups")}</legend>
          {data.groups.length === 0 ? (
            <p>{t("picker.noGroups")}</p>
          ) : (
            <ul className="space-y-2">
              {data.groups.map((group) => (
                <li key={group.id} className="flex items-start gap-3">
                  <input
                    id={`group-${group.id}`}
                    type="checkbox"
                    name={ACCESS_FIELDS.groupIds}
                    value={group.id}
                    defaultChecked={group.chosen}
                    key={`${group.id}-${group.chosen}`}
                    className="mt-0.5 h-6 w-6 shrink-0"
                  />
                  <label htmlFor={`group-${group.id}`} className="[overflow-wrap:anywhere]">
                    {group.name}
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        <div className="mb-4">
          <label htmlFor="customer-search" className="label">
            {t("picker.search.label")}
          </label>
          <span id="customer-search-hint" className="hint mb-1">
            {t("picker.search.hint")}
          </span>
          <div className="flex flex-wrap items-end gap-3">
            <input
              id="customer-search"
              name={ACCESS_FIELDS.search}
              type="search"
              defaultValue={data.search}
              className="input max-w-md flex-1"
              aria-describedby="customer-search-hint"
              autoComplete="off"
              spellCheck={false}
            />
            <button {...pick} className="button-secondary">
              {t("picker.search.button")}
            </button>
          </div>
        </div>

        {data.results !== null ? (
          <section aria-labelledby="picker-results" className="mb-4">
            <p id="picker-results" className="mb-2 font-semibold" role="status">
              {data.results.length === 0
                ? t("picker.results.none", { search: data.search })
                : data.moreResults
                  ? t("picker.results.more", { count: data.results.length, search: data.search })
                  : t.plural("picker.results", data.results.length, { search: data.search })}
            </p>
            {data.results.length > 0 ? (
              <ul className="space-y-1">
                {data.results.map((customer) => (
                  <li key={customer.id} className="flex flex-wrap items-center gap-3">
                    <span className="[overflow-wrap:anywhere]">{customer.name}</span>
                    <button {...pick} name={ACCESS_FIELDS.addCustomer} value={customer.id} className="button-small">
                      {t("picker.add")}
                      <span className="sr-only"> {customer.name}</span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        ) : null}

        <section aria-labelledby="picker-chosen">
          <h3 id="picker-chosen" className="mb-2 font-semibold">
            {t.plural("picker.chosen", data.chosenCustomers.length)}
          </h3>
          {data.chosenCustomers.length === 0 ? (
            <p>{t("picker.chosen.none")}</p>
          ) : (
            <ul className="space-y-1">
              {data.chosenCustomers.map((customer) => (
                <li key={customer.id} className="flex flex-wrap items-center gap-3">
                  <input type="hidden" name={ACCESS_FIELDS.customerIds} value={customer.id} />
                  <span className="[overflow-wrap:anywhere]">{customer.name}</span>
                  <button {...pick} name={ACCESS_FIELDS.removeCustomer} value={customer.id} className="button-small">
                    {t("picker.remove")}
                    <span className="sr-only"> {customer.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

/**
 * With JavaScript, "Add" and "Remove" bring the page back without a load,
 * and the button pressed is gone from it: focus would fall to the page's
 * body. It goes to the search field instead, ready for the next customer
 * (the matches' count is announced by its status). Focus still on the page
 * (the error summary, a field) stays where it is.
 */
function useFocusAfterPicking() {
  const location = useLocation();
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (document.activeElement && document.activeElement !== document.body) return;
    document.getElementById("customer-search")?.focus();
  }, [location.key]);
}
