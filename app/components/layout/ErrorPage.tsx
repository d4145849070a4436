import { useT } from "~/utils/i18n-hooks";
import type { MessageKey } from "~/i18n/messages";

type KnownStatus = 400 | 403 | 404 | 500;

export function errorStatus(status: number): KnownStatus {
  if (status === 403 || status === 404 || status === 400) return status;
  if (status === 405 || status === 401) return 403;
  return 500;
}

export function errorTitleKey(status: number): MessageKey {
  return `error.${errorStatus(status)}.title` as MessageKey;
}

/** The 400, 403, 404 and 500 pages: what happened in plain words, never a stack trace. */
export function ErrorPage({ status }: { status: number }) {
  const t = useT();
  const known = errorStatus(status);
  return (
    <div className="max-w-2xl">
      <h1 className="mb-4 text-3xl font-bold">{t(`error.${known}.title` as MessageKey)}</h1>
      <p className="mb-4">{t(`error.${known}.body` as MessageKey)}</p>
      <p>
        <a href="/">{t("error.home")}</a>
      </p>
    </div>
  );
}
