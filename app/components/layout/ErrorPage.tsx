import { useT } from "~/utils/i18n-hooks";
import { refusalText } from "~/components/ui/customer-labels";
import type { RefusalReason } from "~/domain/customer-policy";
import { hasMessage, type I18n } from "~/i18n/translate";

/**
 * The reason a 403 response carries, when it is one the catalogue has words
 * for. (Asked of the catalogue rather than of the policy's list of reasons,
 * which would otherwise come with every page's scripts.)
 */
function refusalOf(t: I18n, data: unknown): { reason: RefusalReason; from: number | null } | null {
  if (typeof data !== "object" || data === null) return null;
  const { reason, from } = data as { reason?: unknown; from?: unknown };
  if (typeof reason !== "string" || !hasMessage(t.locale, `policy.${reason}`)) return null;
  return { reason: reason as RefusalReason, from: typeof from === "number" ? from : null };
}

/** A 403 for a form sent from another site (csrf.server.ts). */
function isCrossSite(data: unknown): boolean {
  return typeof data === "object" && data !== null && (data as { crossSite?: unknown }).crossSite === true;
}
import type { MessageKey } from "~/i18n/messages";

type KnownStatus = 400 | 403 | 404 | 413 | 500;

export function errorStatus(status: number): KnownStatus {
  if (status === 403 || status === 404 || status === 400 || status === 413) return status;
  if (status === 405 || status === 401) return 403;
  return 500;
}

export function errorTitleKey(status: number): MessageKey {
  return `error.${errorStatus(status)}.title` as MessageKey;
}

/**
 * The 400, 403, 404, 413 and 500 pages: what happened in plain words, never a
 * stack trace. A 403 that carries the customer policy's reason says that
 * reason (and the day from which it would be allowed) instead of the generic
 * words.
 */
export function ErrorPage({ status, data }: { status: number; data?: unknown }) {
  const t = useT();
  const known = errorStatus(status);
  const refusal = known === 403 ? refusalOf(t, data) : null;
  return (
    <div className="max-w-2xl">
      <h1 className="mb-4 text-3xl font-bold">{t(`error.${known}.title` as MessageKey)}</h1>
      <p className="mb-4">
        {refusal
          ? refusalText(t, refusal)
          : known === 403 && isCrossSite(data)
            ? t("error.403.crossSite")
            : t(`error.${known}.body` as MessageKey)}
      </p>
      <p>
        <a href="/">{t("error.home")}</a>
      </p>
    </div>
  );
}
