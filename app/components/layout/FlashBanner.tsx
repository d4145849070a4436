import type { MessageKey } from "~/i18n/messages";
import type { MessageVars } from "~/i18n/translate";
import { useT } from "~/utils/i18n-hooks";

/** The outcome of the last action (post/redirect/get), announced politely. */
export function FlashBanner({ flash }: { flash: { key: string; vars?: MessageVars } }) {
  const t = useT();
  return (
    <div role="status" className="mb-6 border-l-8 border-green-800 bg-green-50 p-4 font-semibold text-green-950">
      {t(flash.key as MessageKey, flash.vars)}
    </div>
  );
}
