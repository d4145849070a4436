import { Form } from "react-router";
import { useT } from "~/utils/i18n-hooks";

/**
 * The banner at the top of every page while a partner user is launched into
 * a customer's Central Admin (F13): whose console it is, who is managing it
 * for which partner, whether read-only, and the way back. A named region, so
 * screen reader users find it among the landmarks; "Back to Partner Console"
 * is a plain form (a POST: ending the launch changes the session).
 */
export function LaunchBanner({
  customer,
  user,
  partner,
  readOnly,
}: {
  customer: string;
  user: string;
  partner: string;
  readOnly: boolean;
}) {
  const t = useT();
  return (
    <section aria-label={t("launch.banner.label")} className="border-b-4 border-amber-700 bg-amber-100 text-slate-950">
      <div className="mx-auto flex w-full max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
        <div className="min-w-0 grow basis-64">
          <p className="break-words font-semibold">{t("launch.banner.text", { customer, user, partner })}</p>
          {readOnly ? <p className="text-sm">{t("launch.banner.readOnly")}</p> : null}
        </div>
        <Form method="post" action="/central/leave">
          <button type="submit" className="button-secondary">
            {t("launch.back")}
          </button>
        </Form>
      </div>
    </section>
  );
}
