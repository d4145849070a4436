/**
 * The password rules every form that sets a password shares (issue 20):
 * 12 to 128 characters, counted as characters (an accented letter or an
 * emoji is one), anything printable, spaces included. Whether a password
 * is common or easily guessed is asked on the server
 * (services/password-strength.server.ts: its word lists are too large for
 * the browser).
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export type PasswordProblem = "password.tooShort" | "password.tooLong" | "password.notPrintable";

/**
 * Characters that print nothing a person could type back: control
 * characters (tab and newline too), line and paragraph separators, private
 * use, unassigned code points and lone surrogates.
 */
const UNPRINTABLE = /[\p{Cc}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}]/u;

/** The first rule a password breaks, or null. */
export function passwordProblem(password: string): PasswordProblem | null {
  if (UNPRINTABLE.test(password)) return "password.notPrintable";
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "password.tooShort";
  if (length > PASSWORD_MAX) return "password.tooLong";
  return null;
}
