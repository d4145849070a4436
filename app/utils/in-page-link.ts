import { useCallback, type MouseEvent } from "react";
import { useNavigate } from "react-router";

/**
 * The click handler of a long table's links: a plain `<a href>` that React
 * Router follows in the page, as a `<Link>` would, with one handler for the
 * whole table. Each `<Link>` resolves its path and sets up its own handler
 * while the server renders, which for the Customers list's 100 row links
 * was the difference between passing and failing its throughput budget
 * (docs/decisions/0030-row-links.md). A click with another button or a
 * modifier key, or on a link with a target, stays the browser's; so does
 * the link without JavaScript.
 */
export function useInPageLink({ preventScrollReset = false } = {}) {
  const navigate = useNavigate();
  return useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      const link = event.currentTarget;
      const plainClick = event.button === 0 && !event.metaKey && !event.altKey && !event.ctrlKey && !event.shiftKey;
      if (event.defaultPrevented || !plainClick || (link.target && link.target !== "_self")) return;
      event.preventDefault();
      void navigate(`${link.pathname}${link.search}${link.hash}`, { preventScrollReset });
    },
    [navigate, preventScrollReset],
  );
}
