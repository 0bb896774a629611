/**
 * Password policy: at least 8 characters and at least three of four character classes
 * (lower case, upper case, digits, symbols) — the usual 等保 (MLPS) baseline — and not one of the passwords
 * that merely pass those classes: a common leaked password (or one dressed up with capitals, leetspeak and
 * digits or symbols around it, like P@ssw0rd or Password1), a run of repeated or consecutive characters
 * (11111111Aa, Abcd1234!), or a short chunk repeated.
 *
 * The list of common passwords is data (data/common-passwords.txt, read by the server); the browser checks
 * everything else with the same function and leaves the list to the API.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MIN_CLASSES = 3;
/** A common word at the heart of a password counts from this many characters (so "demo" in Demo@2026 does not). */
export const COMMON_CORE_MIN_LENGTH = 6;

export type PasswordProblem = 'tooShort' | 'tooFewClasses' | 'containsUsername' | 'tooSimple' | 'common';

/** The common-password list as the server holds it: lower-case entries. */
export type CommonPasswords = { has(lowerCasePassword: string): boolean };

export function passwordProblem(password: string, username?: string, common?: CommonPasswords): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'tooShort';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < PASSWORD_MIN_CLASSES) return 'tooFewClasses';
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return 'containsUsername';
  }
  if (isTooSimple(password)) return 'tooSimple';
  if (common && commonCandidates(password).some((candidate) => common.has(candidate))) return 'common';
  return null;
}

/**
 * Few distinct characters, a short chunk repeated, or at most three runs of repeated or consecutive
 * characters (case ignored): 11111111Aa, Aa1!Aa1!, Abcd1234!, Qrstuvw9.
 */
export function isTooSimple(password: string): boolean {
  const chars = [...password.toLowerCase()];
  if (new Set(chars).size < 5) return true;
  for (let size = 1; size <= chars.length / 2; size++) {
    if (chars.length % size === 0 && chars.join('') === chars.slice(0, size).join('').repeat(chars.length / size)) return true;
  }
  let runs = 1;
  for (let i = 1; i < chars.length; i++) {
    const step = chars[i]!.codePointAt(0)! - chars[i - 1]!.codePointAt(0)!;
    if (step < -1 || step > 1) runs++;
  }
  return runs <= 3;
}

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '8': 'b', '3': 'e', '1': 'i', '!': 'i', '0': 'o', $: 's', '5': 's', '7': 't', '2': 'z' };

/**
 * What a password is looked up as in the list: itself, its core without the digits and symbols around it, and
 * both with leetspeak read back as letters (P@ssw0rd → password, Password1 → password, 1qaz2wsx as is).
 */
export function commonCandidates(password: string): string[] {
  const lower = password.toLowerCase();
  const unleet = (text: string) => [...text].map((c) => LEET[c] ?? c).join('');
  const core = lower.replace(/^[^a-z@$]+/, '').replace(/[^a-z]+$/, '');
  const candidates = new Set([lower, unleet(lower)]);
  for (const c of [core, unleet(core)]) if ([...c].length >= COMMON_CORE_MIN_LENGTH) candidates.add(c);
  return [...candidates];
}
