import { useEffect, useRef } from "react";
import { useLocation } from "react-router";

/**
 * With JavaScript, a client-side navigation moves focus nowhere: the element
 * that had it (a Save button, a link) is often gone, and focus falls to
 * <body>, so a keyboard or screen-reader user starts again from the top
 * without hearing where they are. After every navigation, when nothing on the
 * new page took focus (a page's own effects run first: the list focuses a
 * customer's name or keeps the search field, a form's error summary focuses
 * itself, a dialog its heading), focus moves to the page's heading, as GOV.UK
 * and React Router's guidance advise; the flash message beside it is
 * announced by its status region. Not on the first load: the browser starts
 * at the top itself.
 */
export function useFocusAfterNavigation(): void {
  const { key } = useLocation();
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const heading = document.querySelector<HTMLElement>("main h1") ?? document.getElementById("main");
    if (!heading) return;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus();
  }, [key]);
}
