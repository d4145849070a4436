import type { Route } from "./+types/settings";
import { Form } from "react-router";
import { parseWithZod } from "@conform-to/zod/v4";
import { requirePartnerUser } from "~/services/authz.server";
import { readForm } from "~/services/request-body.server";
import { redirectWithFlash } from "~/services/outcome-response.server";
import { isSecondFactorRequired, setSecondFactorRequired } from "~/models/team.server";
import { countUsersWithoutSecondFactor } from "~/models/second-factors.server";
import { secondFactorRequirementSchema } from "~/schemas/users";
import { SubmitButton } from "~/components/form/SubmitButton";
import { useT } from "~/utils/i18n-hooks";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/catalog-url";

/** The catalogue's namespaces this page names (app/i18n/catalog-url.ts). */
export const handle = { messages: ["account", "lifecycle", "settings", "users"] } satisfies MessagesHandle;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "settings.title");

/**
 * The partner's settings (Super Admins, `users.manage`): "Require a second
 * factor for every user" (issue 20), with how many active users have none
 * yet (they are sent to set one up at their next request).
 */
export async function loader({ request }: Route.LoaderArgs) {
  const { partner } = await requirePartnerUser(request, { can: "users.manage" });
  return {
    required: isSecondFactorRequired({ partnerId: partner.id }),
    users: countUsersWithoutSecondFactor({ partnerId: partner.id }),
  };
}

/** Saves the setting (a change writes its activity row); in effect at every user's next request. */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePartnerUser(request, { can: "users.manage" });
  const submission = parseWithZod(await readForm(request), { schema: secondFactorRequirementSchema() });
  // A checkbox: ticked or not, nothing else to say about it.
  const required = submission.status === "success" && submission.value.requireSecondFactor;
  setSecondFactorRequired({ actor, required });
  // Back here: a Super Admin without a second factor is then sent to set one up by the guard.
  return redirectWithFlash(request, "/settings", { key: required ? "settings.secondFactor.savedOn" : "settings.secondFactor.savedOff" });
}

export default function SettingsPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { required, users } = loaderData;
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 text-3xl font-bold">{t("settings.heading")}</h1>
      <section aria-labelledby="sign-in-security-heading">
        <h2 id="sign-in-security-heading" className="mb-4 text-2xl font-bold">
          {t("settings.secondFactor.heading")}
        </h2>
        <p className="mb-4">{t("settings.secondFactor.intro")}</p>
        <p className="mb-6" data-testid="users-without-second-factor">
          {t.plural("settings.secondFactor.without", users.without, { active: users.active })}
        </p>
        {/* Keyed by the saved value: after a save the box shows what is saved, with JavaScript too. */}
        <Form method="post" key={String(required)}>
          <div className="mb-6 flex items-start gap-3">
            <input
              id="require-second-factor"
              type="checkbox"
              name="requireSecondFactor"
              defaultChecked={required}
              aria-describedby="require-second-factor-hint"
              className="mt-1 h-6 w-6"
            />
            <div>
              <label htmlFor="require-second-factor" className="label">
                {t("settings.secondFactor.label")}
              </label>
              <span id="require-second-factor-hint" className="hint">
                {t("settings.secondFactor.hint")}
              </span>
            </div>
          </div>
          <SubmitButton>{t("settings.save")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
