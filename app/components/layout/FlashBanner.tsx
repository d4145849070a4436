import type { MessageKey } from "~/i18n/messages";
import type { MessageVars } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";

/**
 * The outcome of the last action (post/redirect/get), announced politely.
 * The status region is on every page, empty when there is no message, so
 * that a message arriving with a client-side navigation (a rename saved in
 * the dialog) lands in a live region that already exists: screen readers
 * announce changes to a live region, not one added with its text.
 */
export function FlashBanner({ flash }: { flash: { key: string; vars?: MessageVars } | null }) {
  const t = useT();
  return (
    <div
      role="status"
      className={flash ? "mb-6 border-l-8 border-green-800 bg-green-50 p-4 font-semibold text-green-950" : undefined}
    >
      {flash ? t(flash.key as MessageKey, flash.vars) : null}
    </div>
  );
}
