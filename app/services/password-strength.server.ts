/**
 * Whether a password is common or easily guessed (issue 20), with zxcvbn-ts
 * and its common, English and Spanish word lists (docs/decisions/0023): the
 * lists are megabytes, so this runs on the server only, after the form's own
 * rules (app/domain/passwords.ts). Answers with a message key that says why.
 */
import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import * as spanish from "@zxcvbn-ts/language-es-es";

export type PasswordWeakness =
  | "password.common"
  | "password.personal"
  | "password.keyboard"
  | "password.repeats"
  | "password.dates"
  | "password.guessable";

/**
 * zxcvbn's score of 3 means about 10^8 guesses or more ("safely
 * unguessable" against an online attack, and slowed by argon2id offline);
 * below it a password is refused.
 */
const LEAST_SCORE = 3;

let factory: ZxcvbnFactory | undefined;

/** Built on first use: reading the word lists takes a moment and memory a process may never need. */
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary, ...spanish.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return factory;
}

/** The kind of guess that makes a weak password weak, read from zxcvbn's matches. */
function why(result: ZxcvbnResult): PasswordWeakness {
  const patterns = result.sequence.map((match) => match as { pattern: string; dictionaryName?: string });
  if (patterns.some((match) => match.pattern === "dictionary" && match.dictionaryName === "userInputs")) {
    return "password.personal";
  }
  if (patterns.some((match) => match.pattern === "dictionary" && match.dictionaryName === "passwords-common")) {
    return "password.common";
  }
  if (patterns.some((match) => match.pattern === "spatial")) return "password.keyboard";
  if (patterns.some((match) => match.pattern === "repeat" || match.pattern === "sequence")) return "password.repeats";
  if (patterns.some((match) => match.pattern === "date" || match.pattern === "regex")) return "password.dates";
  if (patterns.some((match) => match.pattern === "dictionary")) return "password.common";
  return "password.guessable";
}

/**
 * Why a password is too easy to guess, or null when it is not. `personal`:
 * words of the user's own (name, email, the partner's name), which make a
 * password weak for this user.
 */
export function passwordWeakness(password: string, personal: readonly string[] = []): PasswordWeakness | null {
  const inputs = personal
    .flatMap((value) => {
      const lower = value.toLowerCase();
      return [lower.replace(/\s+/g, ""), ...lower.split(/[\s@.]+/)];
    })
    .filter((part) => part.length >= 3);
  const result = estimator().check(password, inputs);
  return result.score >= LEAST_SCORE ? null : why(result);
}

/**
 * Builds the estimator soon after the server starts, so that the first
 * password form sent does not wait the ~4 s its word lists take to read
 * (docs/decisions/0023). Once per process, a moment after start (the first
 * requests of a fresh worker go first), and never holding the process open.
 */
export function warmPasswordStrength(delayMs = 1_000): void {
  if (factory) return;
  setTimeout(() => {
    try {
      estimator();
    } catch (error) {
      console.error("Preparing the password strength check failed", error);
    }
  }, delayMs).unref();
}
