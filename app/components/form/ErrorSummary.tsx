import { useEffect, useRef } from "react";
import { useT } from "~/utils/i18n-hooks";

export type SummaryError = { fieldId?: string; message: string };

/**
 * GOV.UK's error summary: at the top of the page, "There is a problem", one
 * link per error to its field, same words as at the field. Focused when it
 * appears, so keyboard and screen reader users land on it.
 */
export function ErrorSummary({ errors }: { errors: SummaryError[] }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.fieldId}:${e.message}`).join("|");
  useEffect(() => {
    const prefix = t("title.error", { title: "" });
    if (!signature) {
      // Corrected and sent again, the page may come back at the same address
      // with the same title, which React does not write again: take the
      // prefix away, or a screen reader would still announce an error.
      if (document.title.startsWith(prefix)) document.title = document.title.slice(prefix.length);
      return;
    }
    ref.current?.focus();
    // The server adds "Error: " to the title of a page sent back with
    // errors; after a client-side submission, do it here. The page's title
    // may be written again after this (after a conflict the form's loader
    // runs once the answer is shown, and its title names the current value):
    // the prefix stays while the summary is on the page.
    const mark = () => {
      if (ref.current?.isConnected && !document.title.startsWith(prefix)) document.title = prefix + document.title;
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [signature, t]);
  if (errors.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      aria-labelledby="error-summary-title"
      role="alert"
      className="mb-6 border-4 border-red-700 p-4"
    >
      <h2 id="error-summary-title" className="mb-2 text-xl font-bold">
        {t("errorSummary.title")}
      </h2>
      <ul className="list-none space-y-1">
        {errors.map((error) => (
          <li key={`${error.fieldId ?? "form"}-${error.message}`}>
            {error.fieldId ? (
              <a href={`#${error.fieldId}`} className="font-semibold text-red-800">
                {error.message}
              </a>
            ) : (
              <span className="font-semibold text-red-800">{error.message}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
