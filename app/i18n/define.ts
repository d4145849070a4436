/**
 * A catalogue area: the English messages and their Spanish translation side by
 * side. The type makes the Spanish side carry exactly the English keys, so a
 * missing translation is a compile error, not a surprise on a page.
 */
export function defineMessages<const T extends Record<string, string>>(
  en: T,
  es: { [K in keyof T]: string },
) {
  return { en, es };
}
