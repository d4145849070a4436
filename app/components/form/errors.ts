import type { SummaryError } from "./ErrorSummary";

type FieldLike = { id: string; errors?: string[] };

/**
 * The error summary's entries for a Conform form: form-level errors link to
 * the first field given, field errors to their field, in field order.
 */
export function summaryErrors(
  formErrors: string[] | undefined,
  fields: FieldLike[],
): SummaryError[] {
  const first = fields[0]?.id;
  return [
    ...(formErrors ?? []).map((message) => ({ fieldId: first, message })),
    ...fields.flatMap((field) => (field.errors ?? []).map((message) => ({ fieldId: field.id, message }))),
  ];
}
