import type { InputHTMLAttributes } from "react";

/**
 * A labelled text input in the one order STYLE.md §5 asks: label, hint,
 * error, control. aria-describedby names only the hint and error that exist;
 * aria-invalid is set only when in error. No HTML5 `required`: the server
 * validates, so every browser shows the same messages.
 */
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
  const hintId = hint ? `${id}-hint` : undefined;
  const error = errors?.[0];
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const { key: _key, ...rest } = inputProps;
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
      <input
        {...rest}
        id={id}
        className="input max-w-xl"
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        required={false}
      />
    </div>
  );
}
