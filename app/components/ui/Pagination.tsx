import { Link } from "react-router";
import { useT } from "~/utils/i18n-hooks";

/** The pages to offer: first, last, and two either side of the current one. */
export function pageWindow(page: number, pageCount: number): (number | "gap")[] {
  const pages = new Set([1, pageCount]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pageCount) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  return sorted.flatMap((p, i) => (i > 0 && p - sorted[i - 1]! > 1 ? ["gap" as const, p] : [p]));
}

/**
 * Page links with the current page marked (aria-current), as plain links.
 * They lead to the page's own route, known already: no eager route discovery
 * (`discover="none"`, and no `data-discover` attribute on each).
 */
export function Pagination({
  page,
  pageCount,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  const t = useT();
  if (pageCount <= 1) return null;
  // .page-link (app/tailwind.css): one class on each link, not its seven utilities.
  const linkClass = "page-link";
  return (
    <nav aria-label={t("pagination.label")} className="mt-4">
      <p className="mb-2 text-sm">{t("pagination.summary", { page, pages: pageCount })}</p>
      <ul className="flex flex-wrap items-center gap-1">
        {page > 1 ? (
          <li>
            <Link to={hrefFor(page - 1)} className={linkClass} rel="prev" discover="none">
              {t("pagination.previous")}
            </Link>
          </li>
        ) : null}
        {pageWindow(page, pageCount).map((entry, index) =>
          entry === "gap" ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-1">
              …
            </li>
          ) : (
            <li key={entry}>
              {entry === page ? (
                <a
                  href={hrefFor(entry)}
                  aria-current="page"
                  aria-label={t("pagination.page", { page: entry })}
                  className="page-link page-link-current"
                >
                  {entry}
                </a>
              ) : (
                <Link to={hrefFor(entry)} aria-label={t("pagination.page", { page: entry })} className={linkClass} discover="none">
                  {entry}
                </Link>
              )}
            </li>
          ),
        )}
        {page < pageCount ? (
          <li>
            <Link to={hrefFor(page + 1)} className={linkClass} rel="next" discover="none">
              {t("pagination.next")}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
