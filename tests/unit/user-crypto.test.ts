import crypto from "node:crypto";
import { generateSync } from "otplib";
import { describe, expect, it } from "vitest";
import { mintLinkToken, mintRecoveryCodes, normalizeRecoveryCode, recoveryCodeHash, splitLinkToken, verifierMatches } from "~/utils/tokens.server";
import { parseDataKey, seal, unseal } from "~/services/data-key.server";
import { totpStep, totpUri } from "~/services/second-factor.server";

describe("link tokens", () => {
  it("are a 128-bit selector and a 256-bit verifier, of which only the verifier's SHA-256 is kept", () => {
    const minted = mintLinkToken();
    const parts = splitLinkToken(minted.token)!;
    expect(parts.selector).toBe(minted.selector);
    expect(Buffer.from(parts.selector, "base64url")).toHaveLength(16);
    expect(Buffer.from(parts.verifier, "base64url")).toHaveLength(32);
    expect(minted.verifierHash).toBe(crypto.createHash("sha256").update(parts.verifier).digest("hex"));
    expect(minted.verifierHash).not.toContain(parts.verifier);
  });

  it("match their own hash and no other", () => {
    const a = mintLinkToken();
    const b = mintLinkToken();
    expect(verifierMatches(splitLinkToken(a.token)!.verifier, a.verifierHash)).toBe(true);
    expect(verifierMatches(splitLinkToken(a.token)!.verifier, b.verifierHash)).toBe(false);
    expect(verifierMatches(splitLinkToken(a.token)!.verifier, null)).toBe(false);
    expect(verifierMatches(splitLinkToken(a.token)!.verifier, "abc")).toBe(false);
  });

  it.each(["", "abc", "x.y", `${"a".repeat(22)}.${"b".repeat(42)}`, `${"a".repeat(22)}.${"b".repeat(43)}.c`, `${"a".repeat(22)}/${"b".repeat(43)}`])(
    "are refused when cut or forged: %j",
    (token) => {
      expect(splitLinkToken(token)).toBeNull();
    },
  );

  it("are never the same twice", () => {
    const tokens = new Set(Array.from({ length: 200 }, () => mintLinkToken().token));
    expect(tokens.size).toBe(200);
  });
});

describe("recovery codes", () => {
  it("come ten at a time, each of 130 random bits, all different", () => {
    const codes = mintRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(normalizeRecoveryCode(code)).toHaveLength(26);
  });

  it("are read however they are typed (case, spaces, hyphens)", () => {
    const [code] = mintRecoveryCodes(1);
    const typed = ` ${code!.toUpperCase().replace(/-/g, " ")} `;
    expect(recoveryCodeHash(typed)).toBe(recoveryCodeHash(code!));
  });

  it("are refused when not made of their alphabet", () => {
    expect(recoveryCodeHash("0000000000000000000000000l")).toBeNull();
    expect(recoveryCodeHash("short")).toBeNull();
  });
});

describe("sealing secrets with DATA_KEY", () => {
  const key = crypto.randomBytes(32);

  it("opens what it sealed, under the same context", () => {
    const sealed = seal("JBSWY3DPEHPK3PXP", "second-factor:7", key);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(unseal(sealed, "second-factor:7", key)).toBe("JBSWY3DPEHPK3PXP");
  });

  it("uses a fresh nonce each time", () => {
    expect(seal("same", "ctx", key)).not.toBe(seal("same", "ctx", key));
  });

  it("refuses another user's context, another key and a changed byte", () => {
    const sealed = seal("secret", "second-factor:7", key);
    expect(() => unseal(sealed, "second-factor:8", key)).toThrow();
    expect(() => unseal(sealed, "second-factor:7", crypto.randomBytes(32))).toThrow();
    const raw = Buffer.from(sealed.slice(3), "base64url");
    raw[raw.length - 1]! ^= 1;
    expect(() => unseal(`v1.${raw.toString("base64url")}`, "second-factor:7", key)).toThrow();
  });

  it("reads DATA_KEY as 64 hex digits or base64 of 32 bytes, and refuses anything else", () => {
    const bytes = crypto.randomBytes(32);
    expect(parseDataKey(bytes.toString("hex")).equals(bytes)).toBe(true);
    expect(parseDataKey(bytes.toString("base64")).equals(bytes)).toBe(true);
    expect(() => parseDataKey("too-short")).toThrow(/32 bytes/);
  });
});

describe("TOTP (RFC 6238: SHA-1, 6 digits, 30 s)", () => {
  // RFC 6238 appendix B's SHA-1 key "12345678901234567890", in base32.
  const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  it("matches the RFC's test vector at T = 59 s (94287082, of which the last 6 digits)", () => {
    expect(totpStep(secret, "287082", 59_000)).toBe(1);
  });

  it("matches the RFC's vector at T = 1111111109 s (07081804)", () => {
    expect(totpStep(secret, "081804", 1_111_111_109_000)).toBe(37037036);
  });

  it("accepts the code of one step before or after, not two", () => {
    const at = 1_800_000_000_000;
    const code = generateSync({ secret, epoch: at / 1000 });
    const step = Math.floor(at / 1000 / 30);
    expect(totpStep(secret, code, at + 30_000)).toBe(step);
    expect(totpStep(secret, code, at - 30_000)).toBe(step);
    expect(totpStep(secret, code, at + 60_000)).toBeNull();
  });

  it("refuses what is not six digits", () => {
    expect(totpStep(secret, "28708", 59_000)).toBeNull();
    expect(totpStep(secret, "abcdef", 59_000)).toBeNull();
  });

  it("writes the otpauth:// address authenticator apps read", () => {
    const uri = totpUri({ secret, account: "nadia@northwind.test" });
    expect(uri).toMatch(/^otpauth:\/\/totp\/Partner%20Console:nadia%40northwind\.test\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain("issuer=Partner%20Console");
  });
});
