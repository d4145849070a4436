/**
 * The pieces of the forms that create a customer (F7): the company and
 * contact fields of "Start trial", which step 1 of "Create monthly account"
 * asks too, the products as a group of checkboxes, and the steps' caption
 * and buttons, shared by "Start trial" (routes/customers_.trial/route.tsx)
 * and the three monthly steps (routes/customers_.monthly*.tsx).
 *
 * Every field follows STYLE.md §5: label, hint, error, control;
 * aria-describedby names the hint and error that exist; aria-invalid only
 * in error. Inputs are not keyed by Conform's field key: a remount when a
 * reply arrives would drop what the user typed meanwhile (without
 * JavaScript the server renders the values sent back anyway).
 */
import { useMemo } from "react";
import { DATA_GEOGRAPHIES } from "../../../lib/enums";
import type { Product } from "~/domain/products";
import { COUNTRY_CODES, MONTHLY_STEP_COUNT } from "~/schemas/new-customer";
import { Field, SelectField } from "~/components/form/Field";
import { SubmitButton } from "~/components/form/SubmitButton";
import type { SummaryError } from "~/components/form/ErrorSummary";
import type { MessageKey } from "~/i18n/messages";
import { useT } from "~/utils/i18n-hooks";

/** What a field of these forms needs from Conform's field metadata. */
export type FieldMeta = {
  id: string;
  name: string;
  errors?: string[];
  defaultValue?: string;
  defaultOptions?: string[];
};

export type CustomerFieldsMeta = {
  companyName: FieldMeta;
  country: FieldMeta;
  dataGeography: FieldMeta;
  firstName: FieldMeta;
  lastName: FieldMeta;
  email: FieldMeta;
  phone: FieldMeta;
};


/** The error summary's entries for the customer fields, in the order the page shows them. */
export function customerFieldErrors(fields: CustomerFieldsMeta): SummaryError[] {
  return [fields.companyName, fields.country, fields.dataGeography, fields.firstName, fields.lastName, fields.email, fields.phone]
    .flatMap((field) => (field.errors ?? []).map((message) => ({ fieldId: field.id, message })));
}

/** The error summary's entries for a group of checkboxes: each links to the first box. */
export function checkboxGroupErrors(field: FieldMeta, firstOptionId: string): SummaryError[] {
  return (field.errors ?? []).map((message) => ({ fieldId: optionId(field, firstOptionId), message }));
}

/** The id of one checkbox of a group. */
export function optionId(field: FieldMeta, option: string): string {
  return `${field.id}-${option}`;
}

/** "Company" (name, country, data geography) and "Contact" (names, email, phone), each a fieldset. */
export function CustomerFields({ fields }: { fields: CustomerFieldsMeta }) {
  const t = useT();
  const countries = useMemo(() => {
    const collator = new Intl.Collator(t.locale);
    return COUNTRY_CODES.map((code) => ({ value: code, label: t(`lifecycle.country.${code}`) })).sort((a, b) =>
      collator.compare(a.label, b.label),
    );
  }, [t]);
  return (
    <>
      <fieldset className="mb-8">
        <legend className="mb-4 text-2xl font-bold">{t("lifecycle.company")}</legend>
        <TextField field={fields.companyName} label={t("lifecycle.companyName")} hint={t("lifecycle.companyName.hint")} autoComplete="off" />
        <ChoiceField
          field={fields.country}
          label={t("lifecycle.country")}
          placeholder={t("lifecycle.country.choose")}
          options={countries}
        />
        <ChoiceField
          field={fields.dataGeography}
          label={t("lifecycle.geography")}
          hint={t("lifecycle.geography.hint")}
          placeholder={t("lifecycle.geography.choose")}
          options={DATA_GEOGRAPHIES.map((code) => ({ value: code, label: t(`geography.${code}`) }))}
        />
      </fieldset>
      <fieldset className="mb-8">
        <legend className="mb-4 text-2xl font-bold">{t("lifecycle.contact")}</legend>
        {/* autoComplete off: these are the customer's contact details, not the signed-in user's own. */}
        <TextField field={fields.firstName} label={t("lifecycle.firstName")} autoComplete="off" />
        <TextField field={fields.lastName} label={t("lifecycle.lastName")} autoComplete="off" />
        <TextField field={fields.email} label={t("lifecycle.email")} type="email" autoComplete="off" />
        <TextField field={fields.phone} label={t("lifecycle.phone")} hint={t("lifecycle.phone.hint")} type="tel" autoComplete="off" />
      </fieldset>
    </>
  );
}

function TextField({
  field,
  label,
  hint,
  type = "text",
  autoComplete,
}: {
  field: FieldMeta;
  label: string;
  hint?: string;
  type?: "text" | "email" | "tel";
  autoComplete: string;
}) {
  return (
    <Field
      id={field.id}
      label={label}
      hint={hint}
      errors={field.errors}
      inputProps={{
        name: field.name,
        type,
        autoComplete,
        spellCheck: type === "text" ? undefined : false,
        defaultValue: field.defaultValue ?? "",
      }}
    />
  );
}

/** A select of the form, from the shared one. */
function ChoiceField({
  field,
  label,
  hint,
  placeholder,
  options,
}: {
  field: FieldMeta;
  label: string;
  hint?: string;
  placeholder: string;
  options: { value: string; label: string }[];
}) {
  return (
    <SelectField
      id={field.id}
      label={label}
      hint={hint}
      errors={field.errors}
      placeholder={placeholder}
      options={options}
      selectProps={{ name: field.name, defaultValue: field.defaultValue ?? "" }}
    />
  );
}

/**
 * The products as a group of checkboxes named by its legend, each box
 * labelled with the product and described by its license category. With
 * `legendAsHeading` the legend is the page's h1 (a page that asks one
 * question, GOV.UK's pattern).
 */
export function ProductChoice({
  field,
  legend,
  hint,
  products,
  legendAsHeading = false,
}: {
  field: FieldMeta;
  legend: string;
  hint: string;
  products: readonly Product[];
  legendAsHeading?: boolean;
}) {
  const t = useT();
  const chosen = new Set(field.defaultOptions ?? (field.defaultValue ? [field.defaultValue] : []));
  const error = field.errors?.[0];
  const hintId = `${field.id}-hint`;
  const errorId = error ? `${field.id}-error` : undefined;
  return (
    <div className={`mb-8 ${error ? "border-l-4 border-red-700 pl-3" : ""}`}>
      <fieldset aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}>
        <legend className="mb-2">
          {legendAsHeading ? (
            <h1 className="text-3xl font-bold">{legend}</h1>
          ) : (
            <span className="text-2xl font-bold">{legend}</span>
          )}
        </legend>
        <span id={hintId} className="hint mb-2">
          {hint}
        </span>
        {error ? (
          <span id={errorId} className="field-error mb-2">
            {error}
          </span>
        ) : null}
        <ul className="space-y-3">
          {products.map((product) => {
            const id = optionId(field, product.id);
            return (
              <li key={product.id} className="flex items-start gap-3">
                <input
                  id={id}
                  type="checkbox"
                  name={field.name}
                  value={product.id}
                  defaultChecked={chosen.has(product.id)}
                  aria-describedby={`${id}-category`}
                  className="mt-0.5 h-6 w-6 shrink-0"
                />
                <span className="min-w-0">
                  <label htmlFor={id} className="font-semibold">
                    {product.name}
                  </label>
                  <span id={`${id}-category`} className="hint">
                    {t("lifecycle.product.category", { category: t(`category.${product.category}` as MessageKey) })}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </div>
  );
}

/** "Create monthly account, step 2 of 3", above a step's heading. */
export function StepCaption({ step }: { step: number }) {
  const t = useT();
  return (
    <p className="text-sm font-semibold uppercase tracking-wide text-slate-700">
      {t("lifecycle.monthly.caption", { step, steps: MONTHLY_STEP_COUNT })}
    </p>
  );
}

/**
 * A step's buttons, told apart by `intent`. The main one comes first, so
 * Enter in a field presses it; "Back" sends what was typed too, so that it
 * is kept; "Cancel" throws the draft away.
 */
export function StepButtons({ primary, back }: { primary: string; back: boolean }) {
  const t = useT();
  return (
    <div className="mt-8 flex flex-wrap items-center gap-4">
      <SubmitButton name="intent" value="continue">
        {primary}
      </SubmitButton>
      {back ? (
        <SubmitButton name="intent" value="back" className="button-secondary">
          {t("common.back")}
        </SubmitButton>
      ) : null}
      <SubmitButton name="intent" value="cancel" className="button-secondary">
        {t("common.cancel")}
      </SubmitButton>
    </div>
  );
}
