import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

/**
 * The one order STYLE.md §5 asks of a field: label, hint, error, control.
 * aria-describedby names only the hint and error that exist; aria-invalid is
 * set only when in error. No HTML5 `required`: the server validates, so
 * every browser shows the same messages.
 */
function FieldFrame({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (control: { "aria-describedby"?: string; "aria-invalid"?: true }) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-red-700 pl-3" : ""}`}>
      <label htmlFor={id} className="label mb-1">
        {label}
      </label>
      {hint ? (
        <span id={hintId} className="hint mb-1">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="field-error mb-1">
          {error}
        </span>
      ) : null}
      {children({ "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
    </div>
  );
}

/** A labelled text input. */
export function Field({
  id,
  label,
  hint,
  errors,
  inputProps,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  inputProps: InputHTMLAttributes<HTMLInputElement> & { key?: string | null };
}) {
  const { key: _key, ...rest } = inputProps;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={errors?.[0]}>
      {(described) => <input {...rest} id={id} className="input max-w-xl" {...described} required={false} />}
    </FieldFrame>
  );
}

/** A labelled select: a "Choose …" option first, then the options; the value sent back selected. */
export function SelectField({
  id,
  label,
  hint,
  errors,
  placeholder,
  options,
  selectProps,
  className = "input max-w-xl",
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  placeholder: string;
  options: { value: string | number; label: string }[];
  selectProps: SelectHTMLAttributes<HTMLSelectElement>;
  className?: string;
}) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={errors?.[0]}>
      {(described) => (
        <select {...selectProps} id={id} className={className} {...described} required={false}>
          <option value="">{placeholder}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
