import type { Route } from "./+types/account_.second-factor_.recovery-codes";
import { redirect } from "react-router";
import { requireAccountHolder } from "~/services/authz.server";
import { readForm } from "~/services/request-body.server";
import { applySecurityHeaders } from "~/services/security-headers.server";
import { getLocale, setFlash } from "~/services/preferences.server";
import { areLiveRecoveryCodes } from "~/models/second-factors.server";
import { RECOVERY_CODE_COUNT, recoveryCodeHash } from "~/utils/tokens.server";
import { recoveryCodesFile } from "~/domain/second-factor";
import { createI18n } from "~/i18n/translate";

/** Nothing to fetch here: the codes are shown once, on the set-up's answer (decision 0027). */
export async function loader({ request }: Route.LoaderArgs) {
  await requireAccountHolder(request);
  throw redirect("/account");
}

/**
 * "Download recovery codes": the form on the page that shows the codes
 * sends them back, and they come back as a text file. Only the user's own
 * unused codes are written (each checked by its hash), so this answers
 * nothing but what the user was just shown.
 */
export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireAccountHolder(request);
  const codes = (await readForm(request))
    .getAll("codes")
    .slice(0, RECOVERY_CODE_COUNT)
    .map((value) => (typeof value === "string" ? value.trim() : ""));
  const hashes = codes.map((code) => recoveryCodeHash(code));
  const live = hashes.every((hash): hash is string => hash !== null) && areLiveRecoveryCodes({ userId: user.id, codeHashes: hashes });
  const t = createI18n(await getLocale(request));
  if (!live) {
    const flash = await setFlash(request, { key: "secondFactor.codes.gone" });
    throw redirect("/account", { headers: { "Set-Cookie": flash } });
  }
  const headers = new Headers({
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Disposition": 'attachment; filename="partner-console-recovery-codes.txt"',
    "Cache-Control": "private, no-store",
  });
  // A resource route: React Router's entry does not see it, so the headers are set here.
  applySecurityHeaders(request, headers);
  return new Response(recoveryCodesFile(t("secondFactor.recoveryCodes.file", { email: user.email }), codes), { headers });
}
