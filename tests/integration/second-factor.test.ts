/**
 * The TOTP second factor (issue 20) against the database: set-up with a QR
 * code, confirmation by one code, recovery codes, the sign-in step with
 * replay protection and throttling, turning it off; and the password forms'
 * strength check with its messages at the field.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { eq } from "drizzle-orm";
import { generateSync } from "otplib";
import { afterEach, describe, expect, it } from "vitest";
import { schema } from "~/db.server";
import { createTranslator } from "~/i18n/translate";
import { addUserSchema } from "~/schemas/users";
import { setPasswordSchema } from "~/schemas/passwords";
import { emailInUse, getUserForSession } from "~/models/users.server";
import { countRecoveryCodesLeft, secondStepFor } from "~/models/second-factors.server";
import { setSecondFactorRequired } from "~/models/team.server";
import { passwordWeakness } from "~/services/password-strength.server";
import {
  beginSecondFactorSetup,
  confirmSecondFactorSetup,
  turnOffSecondFactorWithProof,
  verifySecondFactorCode,
} from "~/services/second-factor.server";
import { setClock } from "~/utils/clock";
import { ACCOUNTS } from "../support/accounts";
import { createPartnerUser, db, partnerActorFor } from "../support/db";

afterEach(() => setClock(null));

let serial = 0;
const T0 = Date.UTC(2030, 5, 1, 12, 0, 0);
const codeAt = (secret: string, at: number) => generateSync({ secret, epoch: Math.floor(at / 1000) });

async function userWithSetup(partnerEmail: string = ACCOUNTS.northwindSuper) {
  const partnerId = partnerActorFor(partnerEmail).partner.id;
  const email = `tfa-${process.pid}-${++serial}@northwind.test`;
  const id = await createPartnerUser({ email, password: "the user's password", partnerId, role: "help_desk" });
  const view = (await beginSecondFactorSetup({ user: { id, email }, now: T0 }))!;
  return { id, email, partnerId, view, secret: view.secretGrouped.replace(/ /g, "") };
}

describe("setting up a second factor", () => {
  it("shows a QR code drawn as SVG, the secret in fours and the otpauth address; a reload shows the same", async () => {
    const { id, email, view, secret } = await userWithSetup();
    expect(view.qrSvg.trimStart()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(view.secretGrouped).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(view.uri).toContain(`secret=${secret}`);
    expect(view.uri).toContain(encodeURIComponent(email));
    const again = (await beginSecondFactorSetup({ user: { id, email }, now: T0 + 1000 }))!;
    expect(again.secretGrouped).toBe(view.secretGrouped);
    // Stored sealed: the secret does not appear in the row.
    const row = db().select().from(schema.secondFactors).where(eq(schema.secondFactors.userId, id)).get()!;
    expect(row.secretSealed.startsWith("v1.")).toBe(true);
    expect(row.secretSealed).not.toContain(secret);
    expect(row.enabledAt).toBeNull();
  });

  it("is confirmed by one right code, then gives 10 recovery codes stored only as hashes", async () => {
    const { id, partnerId, secret } = await userWithSetup();
    expect(confirmSecondFactorSetup({ user: { id, partnerId }, code: "000000", now: T0 })).toEqual({ status: "wrongCode" });
    const outcome = confirmSecondFactorSetup({ user: { id, partnerId }, code: codeAt(secret, T0), now: T0 });
    expect(outcome.status).toBe("on");
    const codes = (outcome as { recoveryCodes: string[] }).recoveryCodes;
    expect(codes).toHaveLength(10);
    const stored = db().select().from(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, id)).all();
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ""));
    expect(countRecoveryCodesLeft(id)).toBe(10);
    expect(db().select().from(schema.activities).where(eq(schema.activities.subjectUserId, id)).all().map((row) => row.kind)).toContain("user.secondFactorOn");
    expect(await beginSecondFactorSetup({ user: { id, email: "x" }, now: T0 })).toBeNull();
  });

  it("clears a partner's requirement for this user once on", async () => {
    const actor = partnerActorFor(ACCOUNTS.contosoSuper);
    setSecondFactorRequired({ actor, required: true });
    const { id, partnerId, secret } = await userWithSetup(ACCOUNTS.contosoSuper);
    expect(getUserForSession(id)).toMatchObject({ secondFactorSetupDue: true });
    confirmSecondFactorSetup({ user: { id, partnerId }, code: codeAt(secret, T0), now: T0 });
    expect(getUserForSession(id)).toMatchObject({ secondFactorSetupDue: false });
    // Required: it cannot be turned off.
    expect(await turnOffSecondFactorWithProof({ user: { id, partnerId }, password: "the user's password", code: codeAt(secret, T0 + 60_000), now: T0 + 60_000 })).toEqual({
      status: "required",
    });
    setSecondFactorRequired({ actor, required: false });
  });
});

describe("the sign-in's verification code", () => {
  async function enabled() {
    const user = await userWithSetup();
    const outcome = confirmSecondFactorSetup({ user: { id: user.id, partnerId: user.partnerId }, code: codeAt(user.secret, T0), now: T0 });
    return { ...user, recoveryCodes: (outcome as { recoveryCodes: string[] }).recoveryCodes };
  }

  it("accepts a current code once, never twice, nor an older one after a newer", async () => {
    const { id, secret } = await enabled();
    // The set-up's code was used: not again.
    expect(verifySecondFactorCode({ userId: id, code: codeAt(secret, T0), now: T0 + 5_000 })).toEqual({ status: "wrongCode" });
    const later = T0 + 90_000;
    expect(verifySecondFactorCode({ userId: id, code: codeAt(secret, later), now: later })).toEqual({ status: "ok", via: "totp" });
    expect(verifySecondFactorCode({ userId: id, code: codeAt(secret, later), now: later })).toEqual({ status: "wrongCode" });
    expect(verifySecondFactorCode({ userId: id, code: codeAt(secret, later - 30_000), now: later })).toEqual({ status: "wrongCode" });
  });

  it("accepts each recovery code once, however it is typed", async () => {
    const { id, recoveryCodes } = await enabled();
    const typed = recoveryCodes[3]!.toUpperCase().replace(/-/g, " ");
    expect(verifySecondFactorCode({ userId: id, code: typed, now: T0 + 1000 })).toEqual({ status: "ok", via: "recovery" });
    expect(verifySecondFactorCode({ userId: id, code: recoveryCodes[3]!, now: T0 + 2000 })).toEqual({ status: "wrongCode" });
    expect(countRecoveryCodesLeft(id)).toBe(9);
  });

  it("is throttled after 5 wrong codes: even the right one then waits", async () => {
    const { id, secret } = await enabled();
    for (let i = 0; i < 5; i++) expect(verifySecondFactorCode({ userId: id, code: "111111", now: T0 + 1000 }).status).toBe("wrongCode");
    const right = codeAt(secret, T0 + 120_000);
    expect(verifySecondFactorCode({ userId: id, code: right, now: T0 + 2000 }).status).toBe("throttled");
    // After the wait, a right code passes and forgives the window.
    expect(verifySecondFactorCode({ userId: id, code: right, now: T0 + 120_000 })).toEqual({ status: "ok", via: "totp" });
  });

  it("is what sign-in asks after the password of a user with one; a set-up when required; nothing otherwise", async () => {
    const { id } = await enabled();
    expect(secondStepFor(id)).toBe("verify");
    expect(secondStepFor(partnerActorFor(ACCOUNTS.northwindReadonly).user.id)).toBe("none");
    const actor = partnerActorFor(ACCOUNTS.contosoSuper);
    setSecondFactorRequired({ actor, required: true });
    expect(secondStepFor(actor.user.id)).toBe("setUp");
    setSecondFactorRequired({ actor, required: false });
    expect(secondStepFor(db().select().from(schema.users).where(eq(schema.users.email, ACCOUNTS.acmeCustomerAdmin)).get()!.id)).toBe("none");
  });

  it("is not asked of a user without a second factor", () => {
    expect(verifySecondFactorCode({ userId: partnerActorFor(ACCOUNTS.northwindReadonly).user.id, code: "123456" })).toEqual({ status: "noSecondFactor" });
  });

  it("turning it off needs the password and a code", async () => {
    const { id, partnerId, secret } = await enabled();
    const at = T0 + 300_000;
    expect(await turnOffSecondFactorWithProof({ user: { id, partnerId }, password: "wrong", code: codeAt(secret, at), now: at })).toEqual({ status: "wrongPassword" });
    expect(await turnOffSecondFactorWithProof({ user: { id, partnerId }, password: "the user's password", code: "000000", now: at })).toEqual({ status: "wrongCode" });
    expect(await turnOffSecondFactorWithProof({ user: { id, partnerId }, password: "the user's password", code: codeAt(secret, at), now: at })).toEqual({ status: "off" });
    expect(db().select().from(schema.secondFactors).where(eq(schema.secondFactors.userId, id)).all()).toHaveLength(0);
    expect(countRecoveryCodesLeft(id)).toBe(0);
  });
});

describe("the password and user forms", () => {
  const t = createTranslator("en");
  const es = createTranslator("es");
  const weakness = (password: string) => passwordWeakness(password, ["Nadia Super", "super@northwind.test"]);

  it.each([
    ["password1234", "This password is too common"],
    ["qwertyuiop12", "This password is too common"],
    ["aaaaaaaaaaaa", "This password repeats characters"],
    ["short", "Password must be 12 characters or more"],
  ])("refuses %j at the field, saying why", (password, message) => {
    const submission = parseWithZod(formData({ password }), { schema: setPasswordSchema(t, weakness) });
    expect(submission.status).toBe("error");
    expect(submission.reply().error?.password?.[0]).toContain(message);
  });

  it("accepts a long passphrase, spaces and all", () => {
    const submission = parseWithZod(formData({ password: "violet tractor sings at noon" }), { schema: setPasswordSchema(t, weakness) });
    expect(submission.status).toBe("success");
  });

  it("says why in Spanish too", () => {
    const submission = parseWithZod(formData({ password: "password1234" }), { schema: setPasswordSchema(es, weakness) });
    expect(submission.reply().error?.password?.[0]).toContain("demasiado común");
  });

  it("refuses at the email field an address any user has, customer admins included", () => {
    const submission = parseWithZod(
      formData({ firstName: "A", lastName: "B", email: "Admin@Acme.test", role: "read_only", access: "all" }),
      { schema: addUserSchema(t, { isEmailTaken: (email) => emailInUse(email) }) },
    );
    expect(submission.reply().error?.email).toEqual(["There is already a user with this email address"]);
  });

  it("asks for customer access for the three roles below Super Admin, and at least one group or customer when chosen", () => {
    const schemaEn = addUserSchema(t);
    const base = { firstName: "A", lastName: "B", email: "new-person@example.test" };
    expect(parseWithZod(formData({ ...base, role: "admin" }), { schema: schemaEn }).reply().error?.access).toEqual([
      "Choose which customers this user can see",
    ]);
    expect(parseWithZod(formData({ ...base, role: "help_desk", access: "chosen" }), { schema: schemaEn }).reply().error?.access).toEqual([
      "Choose at least one group or customer",
    ]);
    const ok = parseWithZod(formData({ ...base, role: "read_only", access: "chosen", groupIds: "3", customerIds: ["9", "x", "9"] }), { schema: schemaEn });
    expect(ok.status === "success" && ok.value.customerAccess).toEqual({ all: false, groupIds: [3], customerIds: [9] });
    const superAdmin = parseWithZod(formData({ ...base, role: "super_admin" }), { schema: schemaEn });
    expect(superAdmin.status === "success" && superAdmin.value.customerAccess).toEqual({ all: true });
  });
});

function formData(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  return form;
}
